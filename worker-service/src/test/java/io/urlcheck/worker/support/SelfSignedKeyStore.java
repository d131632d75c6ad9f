package io.urlcheck.worker.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A fresh self-signed PKCS#12 key store for {@code localhost}/127.0.0.1, made with the JDK's keytool. */
public record SelfSignedKeyStore(Path path, String password, String subject) {

    /** Generates the key store in {@code dir}. */
    public static SelfSignedKeyStore create(Path dir) {
        Path file = dir.resolve("localhost.p12");
        String password = "changeit";
        String subject = "CN=localhost,O=urlcheck test";
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> command = List.of(keytool, "-genkeypair", "-alias", "localhost", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "2", "-dname", subject, "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", password, "-keypass", password);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(file)) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running keytool", e);
        }
        return new SelfSignedKeyStore(file, password, subject);
    }
}
