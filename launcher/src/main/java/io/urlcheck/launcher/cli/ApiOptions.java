package io.urlcheck.launcher.cli;

import io.urlcheck.launcher.client.ProducerClient;
import io.urlcheck.launcher.client.SinkClient;
import picocli.CommandLine.Option;

/** Where a running stack's APIs are, for {@code submit}, {@code results}, {@code summary} and {@code watch}. */
public final class ApiOptions {

    @Option(names = "--producer", paramLabel = "URL", defaultValue = "${env:URLCHECK_PRODUCER:-http://127.0.0.1:8081}",
            description = "Producer API base URL (env URLCHECK_PRODUCER; default: ${DEFAULT-VALUE}).")
    String producer;

    @Option(names = "--sink", paramLabel = "URL", defaultValue = "${env:URLCHECK_SINK:-http://127.0.0.1:8083}",
            description = "Sink API base URL (env URLCHECK_SINK; default: ${DEFAULT-VALUE}).")
    String sink;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:URLCHECK_API_TOKEN}",
            description = "Bearer token for APIs that require one (env URLCHECK_API_TOKEN).")
    String token;

    ProducerClient producer() {
        return new ProducerClient(producer, token);
    }

    SinkClient sink() {
        return new SinkClient(sink, token);
    }
}
