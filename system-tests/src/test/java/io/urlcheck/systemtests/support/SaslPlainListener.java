package io.urlcheck.systemtests.support;

import io.urlcheck.launcher.stack.BrokerListener;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The broker's second listener for the security tests: one SASL/PLAIN user, SASL_SSL when it has {@link Tls}
 * (the protocol of the production overlay) and SASL_PLAINTEXT otherwise; the services log in as that user.
 */
public final class SaslPlainListener implements BrokerListener {

    /**
     * The listener's TLS: the broker's PKCS#12 key store, and the certificate the services trust, in PEM, given
     * to them as the production overlay does ({@code ssl.truststore.type=PEM} and {@code ssl.truststore.certificates}).
     */
    public record Tls(Path keyStore, String keyStorePassword, String trustedCertificatePem) {
        @Override
        public String toString() {
            return "Tls[keyStore=" + keyStore + ", keyStorePassword=(hidden)]";
        }
    }

    private final String username;
    private final String password;
    private final Tls tls;

    /** A listener knowing {@code username} with {@code password}, over TLS when {@code tls} is not null. */
    public SaslPlainListener(String username, String password, Tls tls) {
        if (!username.matches("[A-Za-z0-9._-]+") || !password.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("SASL user name and password may hold only letters, digits, '.', '_' and '-'"
                    + " (they are written unquoted into a properties file and a JAAS line)");
        }
        this.username = username;
        this.password = password;
        this.tls = tls;
    }

    /** The JAAS line a client logs in with as {@code username}, for {@code sasl.jaas.config}. */
    public static String jaas(String username, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + username
                + "\" password=\"" + password + "\";";
    }

    @Override
    public String name() {
        return "SASL";
    }

    @Override
    public String securityProtocol() {
        return tls != null ? "SASL_SSL" : "SASL_PLAINTEXT";
    }

    @Override
    public Map<String, String> brokerProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("sasl.enabled.mechanisms", "PLAIN");
        props.put("listener.name.sasl.sasl.enabled.mechanisms", "PLAIN");
        props.put("listener.name.sasl.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + username + "=\"" + password + "\";");
        if (tls != null) {
            props.put("listener.name.sasl.ssl.keystore.type", "PKCS12");
            props.put("listener.name.sasl.ssl.keystore.location", tls.keyStore().toAbsolutePath().toString());
            props.put("listener.name.sasl.ssl.keystore.password", tls.keyStorePassword());
            props.put("listener.name.sasl.ssl.key.password", tls.keyStorePassword());
        }
        return props;
    }

    @Override
    public Map<String, String> clientProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("security.protocol", securityProtocol());
        props.put("sasl.mechanism", "PLAIN");
        props.put("sasl.jaas.config", jaas(username, password));
        if (tls != null) {
            props.put("ssl.truststore.type", "PEM");
            props.put("ssl.truststore.certificates", tls.trustedCertificatePem());
        }
        return props;
    }

    /** The listener's TLS, or null. */
    public Tls tls() {
        return tls;
    }

    @Override
    public String toString() {
        return "SaslPlainListener[username=" + username + ", password=(hidden), tls=" + (tls != null) + "]";
    }
}
