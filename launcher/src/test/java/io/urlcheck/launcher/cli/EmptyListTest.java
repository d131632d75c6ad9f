package io.urlcheck.launcher.cli;

import io.urlcheck.launcher.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A URL list with nothing to check is said so before a stack starts; anything the producer might check is sent. */
class EmptyListTest {

    @Test
    void runOfAnEmptyOrCommentsOnlyListIsExit2BeforeAnythingStarts(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.txt"), "");
        Path comments = Files.writeString(dir.resolve("comments.txt"), "# links\n\n   # indented\r\n\t\r\n#last");
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        // The port clash, a usage error found later, keeps this from ever starting a stack.
        int code = cli.execute("run", empty.toString(), comments.toString(), "--producer-port", "18083", "--sink-port", "18083");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).hasLineCount(1).startsWith("urlcheck: no URLs in " + empty + ", " + comments
                + ": only blank lines and # comments, nothing to check");
    }

    @Test
    void aListWithAnythingTheProducerWouldAnswerIsSent(@TempDir Path dir) throws IOException {
        for (byte[] content : List.of(
                "# a\nhttps://example.com/\n".getBytes(),
                "not a url\n".getBytes(),
                new byte[] {'#', '\n', (byte) 0xff, '\n'},            // invalid UTF-8: an INVALID_URL result
                "\ufeff\n".getBytes(StandardCharsets.UTF_8), // a BOM: left to the producer
                ("#" + "x".repeat(70_000)).getBytes())) {             // too long for a line: an INVALID_URL result
            Path file = Files.write(dir.resolve("urls.txt"), content);
            assertThatCode(() -> Upload.prepare(List.of(file.toString()), null)).doesNotThrowAnyException();
        }
        Path empty = Files.writeString(dir.resolve("empty.txt"), "");
        Path full = Files.writeString(dir.resolve("full.txt"), "https://example.com/\n");
        assertThatCode(() -> Upload.prepare(List.of(empty.toString(), full.toString()), null)).doesNotThrowAnyException();
        assertThatCode(() -> Upload.prepare(List.of("-"), null)).as("stdin is not read ahead").doesNotThrowAnyException();
    }

    @Test
    void theListsAloneAreCheckedAheadAndOnlyForCertain(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.txt"), "\n\n");
        assertThatThrownBy(() -> Upload.prepare(List.of(empty.toString()), null))
                .hasMessage("no URLs in " + empty + ": only blank lines and # comments, nothing to check");
    }
}
