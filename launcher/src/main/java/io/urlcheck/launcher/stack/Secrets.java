package io.urlcheck.launcher.stack;

import java.util.Locale;
import java.util.Set;

/**
 * Which service properties are secrets. A secret goes to its child JVM through the child's environment, under
 * the property's own name (as deploy/ passes them from Kubernetes Secrets), never as a {@code -D} flag: a command
 * line is world-readable in {@code ps} and {@code /proc/<pid>/cmdline}, an environment only to its owner.
 */
final class Secrets {

    /**
     * The launcher's own secret environment variables, which no child inherits: a service would read
     * {@code URLCHECK_API_TOKEN} as its {@code urlcheck.api.token} and start demanding a token the launcher does
     * not send, and the JDBC password goes to the sink alone, as {@code quarkus.datasource.password}.
     */
    public static final Set<String> LAUNCHER_VARIABLES = Set.of("URLCHECK_API_TOKEN", "URLCHECK_JDBC_PASSWORD");

    private Secrets() {
    }

    /**
     * True for passwords, tokens and secrets of any kind ({@code quarkus.datasource.password},
     * {@code urlcheck.api.token}, {@code kafka.ssl.keystore.password}...), for a JAAS line (it holds the SASL
     * password) and for a JDBC URL (it may carry {@code ?password=}).
     */
    static boolean isSecret(String property) {
        String key = property.toLowerCase(Locale.ROOT);
        return key.endsWith("password") || key.endsWith("token") || key.endsWith("secret")
                || key.endsWith("jaas.config") || key.endsWith("jdbc.url");
    }
}
