package io.urlcheck.containertests;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A user's Kafka client: {@code kcat -P} writes one record per line to a topic (scripts/ensure-test-tools installs it). */
final class Kcat {

    private Kcat() {
    }

    /** Writes each line as one record to {@code topic} on a broker without authentication. */
    static void produce(String bootstrap, String topic, List<String> lines) {
        produce(bootstrap, Map.of(), topic, lines);
    }

    /**
     * Writes each line as one record to {@code topic}, with librdkafka {@code settings} ({@code -X}, e.g.
     * {@code security.protocol}); fails with kcat's own message if it does not exit 0.
     */
    static void produce(String bootstrap, Map<String, String> settings, String topic, List<String> lines) {
        List<String> command = new ArrayList<>(List.of("kcat", "-P", "-b", bootstrap, "-t", topic));
        settings.forEach((key, value) -> command.addAll(List.of("-X", key + "=" + value)));
        try {
            Process kcat = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream in = kcat.getOutputStream()) {
                in.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            if (!kcat.waitFor(60, TimeUnit.SECONDS)) {
                kcat.destroyForcibly();
                throw new IllegalStateException("kcat did not exit within 60 s writing to " + topic);
            }
            String output = new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (kcat.exitValue() != 0) {
                throw new IllegalStateException("kcat exited with " + kcat.exitValue() + ": " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kcat (scripts/ensure-test-tools installs it): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted writing to " + topic, e);
        }
    }
}
