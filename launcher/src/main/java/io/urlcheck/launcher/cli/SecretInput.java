package io.urlcheck.launcher.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * A secret the launcher is given: from a file only its owner can read, or from an environment variable, never
 * from the command line, where {@code ps} and {@code /proc/<pid>/cmdline} show it to every user.
 */
final class SecretInput {

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SecretInput() {
    }

    /**
     * The secret in {@code file} (its first line) when given, else the value of environment variable
     * {@code variable}, else null. A file that its group or others may read or write is refused
     * (a usage error, exit 2), as ssh refuses such a key.
     */
    static String fileOrEnvironment(Path file, String option, String variable) {
        if (file == null) {
            String value = System.getenv(variable);
            return value == null || value.isEmpty() ? null : value;
        }
        try {
            Set<PosixFilePermission> permissions = posixPermissions(file);
            if (permissions != null && permissions.stream().anyMatch(OTHERS::contains)) {
                throw new Cli.UsageException(option + " " + file + " may be read or changed by other users;"
                        + " make it private with 'chmod 600 " + file + "'");
            }
            String content = Files.readString(file, StandardCharsets.UTF_8);
            String secret = content.lines().findFirst().orElse("");
            if (secret.isEmpty()) {
                throw new Cli.UsageException(option + " " + file + " is empty");
            }
            return secret;
        } catch (IOException e) {
            String reason = e instanceof NoSuchFileException ? "no such file" : e.getMessage();
            throw new Cli.UsageException("cannot read " + option + " " + file + ": " + reason);
        }
    }

    /** The usage error for a secret given as the argument of {@code option}, naming the two ways that are safe. */
    static Cli.UsageException refusedAsArgument(String option, String fileOption, String variable) {
        return new Cli.UsageException(option + " is not accepted: every user can read a command line in ps; set "
                + variable + " or give " + fileOption + " FILE (a file readable by you alone)");
    }

    private static Set<PosixFilePermission> posixPermissions(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return null; // not a POSIX file system (Windows): its ACLs are the user's business
        }
    }
}
