package io.urlcheck.launcher.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class TimelineTest {

    @Test
    void eachPhaseIsOneLineWithItsSecondsSinceTheStartInOrder(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("logs/launcher.log");
        Timeline timeline = new Timeline(log);

        timeline.mark("broker: ready");
        timeline.mark("stack: ready");

        assertThat(Files.readAllLines(log)).hasSize(2)
                .satisfies(lines -> assertThat(lines.get(0)).matches("\\S+ +\\d+\\.\\d{3} s  broker: ready"))
                .satisfies(lines -> assertThat(lines.get(1)).endsWith("s  stack: ready"));
    }

    @Test
    void theTimesCountFromTheScriptsStartWhenItGaveOne(@TempDir Path dir) throws IOException {
        String before = System.getProperty("urlcheck.started");
        double tenSecondsAgo = System.currentTimeMillis() / 1000.0 - 10;
        System.setProperty("urlcheck.started", Double.toString(tenSecondsAgo));
        try {
            Path log = dir.resolve("launcher.log");
            new Timeline(log).mark("stack: starting");

            String seconds = Files.readString(log).trim().split(" +")[1].replace(',', '.');
            assertThat(Double.parseDouble(seconds)).isBetween(10.0, 600.0);
        } finally {
            if (before == null) {
                System.clearProperty("urlcheck.started");
            } else {
                System.setProperty("urlcheck.started", before);
            }
        }
    }

    @Test
    void aLogThatCannotBeWrittenNeverFailsTheRun(@TempDir Path dir) throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain"), "x");
        Timeline timeline = new Timeline(notADirectory.resolve("launcher.log"));

        assertThatCode(() -> timeline.mark("stack: ready")).doesNotThrowAnyException();
    }
}
