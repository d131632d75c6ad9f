package io.urlcheck.systemtests.launcher;

import io.urlcheck.systemtests.support.Home;
import io.urlcheck.systemtests.support.LauncherProcess;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A port the stack needs is taken: one clear line naming the port and the option, exit 3, nothing started. */
class TakenPortIT {

    @Test
    void upOnATakenProducerPortSaysWhichPortAndWhichOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            Path dir = Home.runDir("taken-port");
            LauncherProcess up = LauncherProcess.run(dir, Duration.ofSeconds(60), "up", "--producer-port",
                    Integer.toString(port), "--kafka-port", Integer.toString(freePort()),
                    "--worker-port", Integer.toString(freePort()), "--sink-port", Integer.toString(freePort()));

            assertThat(up.exitCode()).as(up.describe()).isEqualTo(3);
            assertThat(up.stderr().strip().lines().toList()).as(up.describe()).last()
                    .isEqualTo("urlcheck: port " + port + " (producer API) is already in use; choose another with"
                            + " --producer-port <port> or stop what listens there");
            assertThat(up.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void runOnATakenKafkaPortSaysWhichPortAndWhichOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            Path dir = Home.runDir("taken-kafka-port");
            java.nio.file.Files.writeString(dir.resolve("urls.txt"), "http://127.0.0.1:1/\n");
            LauncherProcess run = LauncherProcess.run(dir, Duration.ofSeconds(60), "run", "urls.txt",
                    "--kafka-port", Integer.toString(port));

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(3);
            assertThat(run.stderr()).contains("urlcheck: port " + port + " (Kafka) is already in use; choose another"
                    + " with --kafka-port <port>").doesNotContain("Exception");
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
