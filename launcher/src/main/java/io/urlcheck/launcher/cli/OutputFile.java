package io.urlcheck.launcher.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@code run} writes its results ({@code --out}): checked before anything starts, so a typo costs a second
 * and not a whole run, and a second place, the run directory, when writing there still fails at the end.
 *
 * <p>Missing directories are created, at the check, so that {@code --out reports/links.json} works in a fresh CI
 * workspace, and a path that cannot be made is an error before the start.
 */
final class OutputFile {

    private OutputFile() {
    }

    /** The writing of the results to a path; returns the number of rows written. */
    interface Writing {
        long to(Path file);
    }

    /**
     * What {@link #write} did: the rows, the file they are in, and when that is not the file asked for, why.
     *
     * @param failure why the file asked for could not be written, or null when it was
     */
    record Written(long rows, Path file, String failure) {
    }

    /**
     * Throws an {@link IllegalArgumentException} naming the problem (a usage error) when the results could not be
     * written to {@code file}: a directory, something other than a file, a directory that cannot be created or
     * that this user cannot create a file in (tried, with a temporary file, since the results are written as one
     * and renamed into place).
     */
    static void check(Path file) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException("--out " + file + " is a directory; name a file in it");
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            throw new IllegalArgumentException("--out " + file + " is not a regular file");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + file + ": " + dir + " is not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + file + ": cannot create the directory " + dir + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        try {
            Files.delete(Files.createTempFile(dir, "." + target.getFileName(), ".tmp"));
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + file + ": cannot create a file in " + dir + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /**
     * Writes to {@code file}, or, when that fails, to a file of the same name in {@code fallbackDir} (the run
     * directory, which the launcher made). A failure there too is thrown.
     */
    static Written write(Writing writing, Path file, Path fallbackDir) {
        try {
            return new Written(writing.to(file), file, null);
        } catch (UncheckedIOException e) {
            Path fallback = fallbackDir.resolve(file.getFileName());
            return new Written(writing.to(fallback), fallback, e.getMessage());
        }
    }
}
