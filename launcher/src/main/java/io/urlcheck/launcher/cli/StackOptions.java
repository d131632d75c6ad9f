package io.urlcheck.launcher.cli;

import io.urlcheck.launcher.stack.StackConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the local stack listens and how the sink stores results; shared by {@code run} and {@code up}. */
public final class StackOptions {

    /** The sink's stores, as {@code urlcheck.sink.store} names them. */
    public enum Store { json, postgres }

    @Option(names = "--store", paramLabel = "json|postgres", defaultValue = "json",
            description = "Where the sink keeps results (default: ${DEFAULT-VALUE}).")
    Store store;

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "PostgreSQL JDBC URL, required with --store postgres.")
    String jdbcUrl;

    @Option(names = "--jdbc-user", paramLabel = "USER", description = "PostgreSQL user.")
    String jdbcUser;

    @Option(names = "--jdbc-password-file", paramLabel = "FILE",
            description = {"File holding the PostgreSQL password, readable by you alone (chmod 600);",
                    "or set URLCHECK_JDBC_PASSWORD. A password is never an argument: ps shows arguments."})
    Path jdbcPasswordFile;

    /** Refused: a password given as an argument is visible to every user in {@code ps}. */
    @Option(names = "--jdbc-password", hidden = true, paramLabel = "PASSWORD")
    String jdbcPassword;

    @Option(names = "--kafka-port", paramLabel = "PORT", description = "Kafka client port.")
    Integer kafkaPort;

    @Option(names = "--producer-port", paramLabel = "PORT", description = "Producer API port.")
    Integer producerPort;

    @Option(names = "--worker-port", paramLabel = "PORT",
            description = "First worker's HTTP port; each further worker takes the next port above it that no other part of the stack has.")
    Integer workerPort;

    @Option(names = "--sink-port", paramLabel = "PORT", description = "Sink API (and dashboard) port.")
    Integer sinkPort;

    /**
     * Applies ports and store; a port not given is {@code fallback} ({@code up}'s defaults 8081..., or 0 for
     * a free port, as {@code run} uses).
     */
    void applyTo(StackConfig.Builder builder, boolean fixedDefaults) {
        builder.kafkaPort(port(kafkaPort, fixedDefaults ? StackConfig.DEFAULT_KAFKA_PORT : 0))
                .producerPort(port(producerPort, fixedDefaults ? StackConfig.DEFAULT_PRODUCER_PORT : 0))
                .workerPort(port(workerPort, fixedDefaults ? StackConfig.DEFAULT_WORKER_PORT : 0))
                .sinkPort(port(sinkPort, fixedDefaults ? StackConfig.DEFAULT_SINK_PORT : 0));
        if (jdbcPassword != null) {
            throw SecretInput.refusedAsArgument("--jdbc-password", "--jdbc-password-file", "URLCHECK_JDBC_PASSWORD");
        }
        builder.sink("urlcheck.sink.store", store.name());
        if (store == Store.postgres) {
            if (jdbcUrl == null || jdbcUrl.isBlank()) {
                throw new IllegalArgumentException("--store postgres needs --jdbc-url jdbc:postgresql://HOST:PORT/DB");
            }
            builder.sink("quarkus.datasource.jdbc.url", jdbcUrl);
            if (jdbcUser != null) {
                builder.sink("quarkus.datasource.username", jdbcUser);
            }
            String password = SecretInput.fileOrEnvironment(jdbcPasswordFile, "--jdbc-password-file",
                    "URLCHECK_JDBC_PASSWORD");
            if (password != null) {
                builder.sink("quarkus.datasource.password", password);
            }
        }
    }

    private static int port(Integer given, int fallback) {
        if (given == null) {
            return fallback;
        }
        if (given < 1 || given > 65535) {
            throw new IllegalArgumentException("a port must be between 1 and 65535, got " + given);
        }
        return given;
    }
}
