package io.urlcheck.containertests;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A user's Kafka client: {@code kcat -P} writes one record per line to a topic (scripts/ensure-test-tools installs it). */
final class Kcat {

    private Kcat() {
    }

    /** Writes each line as one record to {@code topic}; fails with kcat's own message if it does not exit 0. */
    static void produce(String bootstrap, String topic, List<String> lines) {
        try {
            Process kcat = new ProcessBuilder("kcat", "-P", "-b", bootstrap, "-t", topic)
                    .redirectErrorStream(true).start();
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
