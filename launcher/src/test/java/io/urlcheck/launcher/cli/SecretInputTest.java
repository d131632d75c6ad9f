package io.urlcheck.launcher.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretInputTest {

    /** An environment variable no machine sets. */
    private static final String UNSET = "URLCHECK_TEST_UNSET_SECRET_7f3c";

    private static Path privateFile(Path dir, String content) throws IOException {
        Path file = Files.writeString(dir.resolve("secret"), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @Test
    void noFileAndNoVariableMeansNoSecret() {
        assertThat(SecretInput.fileOrEnvironment(null, "--token-file", UNSET)).isNull();
    }

    @Test
    void theSecretIsTheFilesFirstLine(@TempDir Path dir) throws IOException {
        Path file = privateFile(dir, "s3cret\nignored second line\n");

        assertThat(SecretInput.fileOrEnvironment(file, "--token-file", UNSET)).isEqualTo("s3cret");
    }

    @Test
    void aFileWinsOverTheEnvironment(@TempDir Path dir) throws IOException {
        Path file = privateFile(dir, "from-file");

        assertThat(SecretInput.fileOrEnvironment(file, "--token-file", "PATH")).isEqualTo("from-file");
    }

    @Test
    void anEmptyFileIsAUsageError(@TempDir Path dir) throws IOException {
        Path file = privateFile(dir, "");

        assertThatThrownBy(() -> SecretInput.fileOrEnvironment(file, "--token-file", UNSET))
                .isInstanceOf(Cli.UsageException.class).hasMessage("--token-file " + file + " is empty");
    }

    @Test
    void aMissingFileIsAUsageErrorSayingSo(@TempDir Path dir) {
        Path file = dir.resolve("nope");

        assertThatThrownBy(() -> SecretInput.fileOrEnvironment(file, "--jdbc-password-file", UNSET))
                .isInstanceOf(Cli.UsageException.class)
                .hasMessage("cannot read --jdbc-password-file " + file + ": no such file");
    }

    @Test
    void aFileItsGroupMayWriteIsRefused(@TempDir Path dir) throws IOException {
        Path file = privateFile(dir, "s3cret");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw--w----"));

        assertThatThrownBy(() -> SecretInput.fileOrEnvironment(file, "--token-file", UNSET))
                .isInstanceOf(Cli.UsageException.class).hasMessageContaining("may be read or changed by other users");
    }

    @Test
    void aSecretAsAnArgumentIsRefusedNamingTheSafeWays() {
        assertThat(SecretInput.refusedAsArgument("--token", "--token-file", "URLCHECK_API_TOKEN"))
                .hasMessage("--token is not accepted: every user can read a command line in ps; set URLCHECK_API_TOKEN"
                        + " or give --token-file FILE (a file readable by you alone)");
    }
}
