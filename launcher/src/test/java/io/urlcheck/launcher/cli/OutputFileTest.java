package io.urlcheck.launcher.cli;

import io.urlcheck.launcher.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputFileTest {

    private final StringWriter err = new StringWriter();

    /**
     * {@code run} with a port clash as well, a usage error found when the stack is configured: so this never starts
     * a stack, and the {@code --out} error shows only when {@code --out} is checked before that.
     */
    private int runWithOut(Path urls, String out) {
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute("run", urls.toString(), "--out", out, "--producer-port", "18083", "--sink-port", "18083");
    }

    @Test
    void aDirectoryAsOutIsAUsageErrorBeforeAnythingStarts(@TempDir Path dir) throws IOException {
        Path urls = Files.writeString(dir.resolve("urls.txt"), "https://example.com/\n");
        Path outdir = Files.createDirectories(dir.resolve("outdir"));

        assertThat(runWithOut(urls, outdir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("urlcheck: --out " + outdir + " is a directory; name a file in it")
                .hasLineCount(1);
    }

    @Test
    void aMissingDirectoryIsCreatedBeforeTheStart(@TempDir Path dir) throws IOException {
        Path urls = Files.writeString(dir.resolve("urls.txt"), "https://example.com/\n");
        Path out = dir.resolve("reports/links/r.json");

        runWithOut(urls, out.toString());

        assertThat(err.toString()).doesNotContain("--out");
        assertThat(dir.resolve("reports/links")).isDirectory();
    }

    @Test
    void aDirectoryThatCannotBeMadeIsAUsageError(@TempDir Path dir) throws IOException {
        Path urls = Files.writeString(dir.resolve("urls.txt"), "https://example.com/\n");
        Path file = Files.writeString(dir.resolve("plain"), "x");

        assertThat(runWithOut(urls, file.resolve("sub/r.json").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("plain/sub").contains("cannot create the directory");
    }

    @Test
    void aDirectoryNoFileCanBeCreatedInIsRefused() {
        Path proc = Path.of("/proc/version");
        if (Files.isDirectory(proc.getParent())) {
            assertThatThrownBy(() -> OutputFile.check(proc)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("--out /proc/version: cannot create a file in /proc");
        }
        assertThatThrownBy(() -> OutputFile.check(Path.of("/dev/null"))).hasMessage("--out /dev/null is not a regular file");
    }

    @Test
    void aWritableFileIsAcceptedAndTheCheckLeavesNothingBehind(@TempDir Path dir) throws IOException {
        OutputFile.check(dir.resolve("results.json"));
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void resultsThatCannotBeWrittenWhereAskedGoToTheRunDirectoryAndSaySo(@TempDir Path dir) throws IOException {
        Path asked = dir.resolve("gone/results.json");
        Path runDir = Files.createDirectories(dir.resolve("run"));

        OutputFile.Written written = OutputFile.write(file -> {
            if (!Files.isDirectory(file.getParent())) {
                throw new UncheckedIOException("cannot write " + file + ": no such directory", new IOException());
            }
            return 7;
        }, asked, runDir);

        assertThat(written.rows()).isEqualTo(7);
        assertThat(written.file()).isEqualTo(runDir.resolve("results.json"));
        assertThat(written.failure()).isEqualTo("cannot write " + asked + ": no such directory");
    }
}
