package io.urlcheck.launcher.stack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link LocalStack} runs: where, on which ports (0 = any free port), how many workers and
 * which system properties each service gets. Built with {@link #builder}.
 *
 * @param home           the repository root holding the packaged services
 * @param runDir         where the broker's data, the sink's files and every log go
 * @param kafkaPort      the broker's client port
 * @param producerPort   the producer's HTTP port
 * @param workerPort     the first worker's HTTP port; the further workers' ports follow from it as {@link PortPlan} says
 * @param sinkPort       the sink's HTTP port
 * @param workers        how many worker processes, all in consumer group {@code urlcheck-worker}
 * @param producerProps  extra system properties of the producer
 * @param workerProps    extra system properties of every worker
 * @param sinkProps      extra system properties of the sink
 * @param listener       when not null, the broker's second listener through which the services connect
 *                       (the launcher's own admin client keeps the PLAINTEXT listener)
 * @param serving        the stack serves until it is stopped ({@code up}), so its workers keep the tiered JIT as
 *                       deploy/ runs them; otherwise ({@code run}) they stop at C1, which starts quicker
 */
public record StackConfig(Path home, Path runDir, int kafkaPort, int producerPort, int workerPort, int sinkPort,
                          int workers, Map<String, String> producerProps, Map<String, String> workerProps,
                          Map<String, String> sinkProps, BrokerListener listener, boolean serving) {

    /** Default ports of {@code ./urlcheck up}: the same as each service's {@code quarkus.http.port} and Kafka's usual 9092. */
    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_PRODUCER_PORT = 8081;
    public static final int DEFAULT_WORKER_PORT = 8082;
    public static final int DEFAULT_SINK_PORT = 8083;

    public StackConfig {
        producerProps = Map.copyOf(producerProps);
        workerProps = Map.copyOf(workerProps);
        sinkProps = Map.copyOf(sinkProps);
        if (workers < 1) {
            throw new IllegalArgumentException("at least one worker, got " + workers);
        }
    }

    /** A builder with every port free (0) and one worker. */
    public static Builder builder(Path home, Path runDir) {
        return new Builder(home, runDir);
    }

    /** Assembles a {@link StackConfig}. */
    public static final class Builder {
        private final Path home;
        private final Path runDir;
        private int kafkaPort;
        private int producerPort;
        private int workerPort;
        private int sinkPort;
        private int workers = 1;
        private final Map<String, String> producerProps = new LinkedHashMap<>();
        private final Map<String, String> workerProps = new LinkedHashMap<>();
        private final Map<String, String> sinkProps = new LinkedHashMap<>();
        private BrokerListener listener;
        private boolean serving;

        private Builder(Path home, Path runDir) {
            this.home = home;
            this.runDir = runDir;
        }

        public Builder kafkaPort(int v) { kafkaPort = v; return this; }
        public Builder producerPort(int v) { producerPort = v; return this; }
        public Builder workerPort(int v) { workerPort = v; return this; }
        public Builder sinkPort(int v) { sinkPort = v; return this; }
        public Builder workers(int v) { workers = v; return this; }
        /** Sets a producer system property, e.g. {@code urlcheck.producer.max-url-length}. */
        public Builder producer(String key, String value) { producerProps.put(key, value); return this; }
        /** Sets a system property of every worker, e.g. {@code urlcheck.worker.allow-cidrs}. */
        public Builder worker(String key, String value) { workerProps.put(key, value); return this; }
        /** Sets a sink system property, e.g. {@code urlcheck.sink.store}. */
        public Builder sink(String key, String value) { sinkProps.put(key, value); return this; }
        /** The services connect to the broker through {@code listener}, a second listener of the broker. */
        public Builder listener(BrokerListener v) { listener = v; return this; }
        /** The stack serves until it is stopped, as {@code up}'s does: its workers keep the tiered JIT. */
        public Builder serving(boolean v) { serving = v; return this; }

        /** The configuration; {@link IllegalArgumentException} when two parts of the stack would share a port. */
        public StackConfig build() {
            StackConfig config = new StackConfig(home.toAbsolutePath(), runDir.toAbsolutePath(), kafkaPort, producerPort,
                    workerPort, sinkPort, workers, producerProps, workerProps, sinkProps, listener, serving);
            PortPlan.fixed(config);
            return config;
        }
    }
}
