package io.urlcheck.launcher.cli;

import io.urlcheck.launcher.input.Inputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputTest {

    @Test
    void aDashMeansStdinAndIsAlwaysReadable() {
        assertThatCode(() -> Inputs.of(List.of("-"))).doesNotThrowAnyException();
    }

    @Test
    void aMissingFileIsRefusedWithTheWaysToGiveUrls(@TempDir Path dir) {
        String missing = dir.resolve("urls.txt").toString();

        assertThatThrownBy(() -> Inputs.of(List.of(missing))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot read " + missing
                        + " (give a file of URLs, one per line, a .md, .html or .htm file, a folder of them, or - for stdin)");
    }

    @Test
    void theOpenerReadsTheFileAfreshEachTime(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("urls.txt"), "https://example.com\n");
        Supplier<InputStream> opener = Input.opener(file.toString(), () -> false);

        for (int i = 0; i < 2; i++) {
            try (InputStream in = opener.get()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("https://example.com\n");
            }
        }
    }

    @Test
    void aStopRequestEndsTheUploadWithAnError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("urls.txt"), "https://a.example\nhttps://b.example\n");
        AtomicBoolean stop = new AtomicBoolean();

        try (InputStream in = Input.opener(file.toString(), stop::get).get()) {
            assertThat(in.read()).isEqualTo('h');
            stop.set(true);
            assertThatThrownBy(in::read).isInstanceOf(IOException.class)
                    .hasMessage("submission stopped by Ctrl+C or SIGTERM");
            assertThatThrownBy(() -> in.read(new byte[16], 0, 16)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aFileGoneBeforeTheUploadIsAnUncheckedErrorNamingIt(@TempDir Path dir) {
        String missing = dir.resolve("gone.txt").toString();

        assertThatThrownBy(() -> Input.opener(missing, () -> false).get()).isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot read " + missing);
    }
}
