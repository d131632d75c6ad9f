package io.urlcheck.testkit.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Fresh PKCS#12 key stores for {@code localhost}/127.0.0.1 (self-signed, or expired under a test CA), made with the JDK's keytool. */
public record SelfSignedKeyStore(Path path, String password, String subject) {

    private static final String PASSWORD = "changeit";

    /** Generates the key store in {@code dir}. */
    public static SelfSignedKeyStore create(Path dir) {
        Path file = dir.resolve("localhost.p12");
        String subject = "CN=localhost,O=urlcheck test";
        keytool("-genkeypair", "-alias", "localhost", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "2", "-dname", subject, "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        return new SelfSignedKeyStore(file, PASSWORD, subject);
    }

    /**
     * A key store for {@code localhost} whose certificate expired days ago, issued by a test CA kept in
     * {@code dir/ca.p12} (trust that store to isolate the expiry: a trusted self-signed certificate is a
     * trust anchor, and anchors' dates are not checked).
     */
    public static SelfSignedKeyStore expired(Path dir) {
        String ca = dir.resolve("ca.p12").toString();
        String leaf = dir.resolve("leaf.p12").toString();
        String csr = dir.resolve("leaf.csr").toString();
        String leafPem = dir.resolve("leaf.pem").toString();
        String[] store = {"-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD};
        keytool(concat(store, "-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=urlcheck test CA", "-ext", "bc:c", "-keystore", ca));
        keytool(concat(store, "-genkeypair", "-alias", "leaf", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=localhost", "-keystore", leaf));
        keytool(concat(store, "-certreq", "-alias", "leaf", "-file", csr, "-keystore", leaf));
        keytool(concat(store, "-gencert", "-alias", "ca", "-infile", csr, "-outfile", leafPem, "-rfc",
                "-startdate", "-10d", "-validity", "2", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", ca));
        Path server = dir.resolve("expired.p12");
        try {
            KeyStore caStore = load(ca);
            KeyStore leafStore = load(leaf);
            Certificate issued;
            try (InputStream in = Files.newInputStream(Path.of(leafPem))) {
                issued = CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            KeyStore out = KeyStore.getInstance("PKCS12");
            out.load(null, null);
            out.setKeyEntry("localhost", leafStore.getKey("leaf", PASSWORD.toCharArray()), PASSWORD.toCharArray(),
                    new Certificate[] {issued, caStore.getCertificate("ca")});
            try (OutputStream os = Files.newOutputStream(server)) {
                out.store(os, PASSWORD.toCharArray());
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not assemble the expired key store", e);
        }
        return new SelfSignedKeyStore(server, PASSWORD, "CN=localhost");
    }

    /**
     * The certificate of this store's key as PEM, for a client that trusts exactly it: the form a Kafka
     * client takes in {@code ssl.truststore.certificates} with {@code ssl.truststore.type=PEM}.
     */
    public String certificatePem() {
        try {
            KeyStore store = load(path.toString());
            String alias = store.aliases().nextElement();
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(store.getCertificate(alias).getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not read the certificate of " + path, e);
        }
    }

    private static KeyStore load(String path) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks;
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    private static void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running keytool", e);
        }
    }
}
