package io.urlcheck.systemtests.options;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.urlcheck.testkit.tls.SelfSignedKeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.Executors;

/** An https target on loopback whose certificate nobody trusts: what {@code --insecure} exists for. */
final class SelfSignedTarget {

    private SelfSignedTarget() {
    }

    /** Serves {@code /secure} with a 200 page, over TLS with a fresh self-signed certificate, on a free port. */
    static HttpsServer start() {
        try {
            Path dir = Files.createTempDirectory("self-signed-target");
            SelfSignedKeyStore store = SelfSignedKeyStore.create(dir);
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store.path())) {
                keys.load(in, store.password().toCharArray());
            }
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, store.password().toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(managers.getKeyManagers(), null, null);
            HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            // Each connection on its own thread, as a real server: on the JDK's default executor the dispatcher thread
            // itself runs the TLS handshake, so one connection stalled mid-handshake (a worker's attempt abandoned at
            // its deadline while its handshake goes on in the pool) held every later connection's handshake until it
            // ended, and a job's retries all timed out behind it.
            server.setExecutor(Executors.newCachedThreadPool(run -> {
                Thread thread = new Thread(run, "self-signed-target");
                thread.setDaemon(true);
                return thread;
            }));
            server.createContext("/secure", exchange -> {
                byte[] body = "<html><head><title>Secure</title></head></html>".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up the self-signed target", e);
        }
    }
}
