package io.urlcheck.launcher.cli;

import io.urlcheck.launcher.client.MonitorClient;
import io.urlcheck.launcher.client.ProducerClient;
import io.urlcheck.launcher.client.SinkClient;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where a running stack's APIs are, for {@code submit}, {@code results}, {@code summary} and {@code watch}. */
public final class ApiOptions {

    @Option(names = "--producer", paramLabel = "URL", defaultValue = "${env:URLCHECK_PRODUCER:-http://127.0.0.1:8081}",
            description = "Producer API base URL (env URLCHECK_PRODUCER; default: ${DEFAULT-VALUE}).")
    String producer;

    @Option(names = "--sink", paramLabel = "URL", defaultValue = "${env:URLCHECK_SINK:-http://127.0.0.1:8083}",
            description = "Sink API base URL (env URLCHECK_SINK; default: ${DEFAULT-VALUE}).")
    String sink;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = {"File holding the bearer token for APIs that require one, readable by you alone",
                    "(chmod 600); or set URLCHECK_API_TOKEN. A token is never an argument: ps shows arguments."})
    Path tokenFile;

    /** Refused: a token given as an argument is visible to every user in {@code ps}. */
    @Option(names = "--token", hidden = true, paramLabel = "TOKEN")
    String token;

    ProducerClient producer() {
        return new ProducerClient(producer, token());
    }

    SinkClient sink() {
        return new SinkClient(sink, token());
    }

    MonitorClient monitors() {
        return new MonitorClient(producer, sink, token());
    }

    private String token() {
        if (token != null) {
            throw SecretInput.refusedAsArgument("--token", "--token-file", "URLCHECK_API_TOKEN");
        }
        return SecretInput.fileOrEnvironment(tokenFile, "--token-file", "URLCHECK_API_TOKEN");
    }
}
