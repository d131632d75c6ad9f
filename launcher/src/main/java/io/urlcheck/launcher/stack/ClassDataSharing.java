package io.urlcheck.launcher.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A class-data archive for one kind of child JVM, kept in {@code <home>/.urlcheck/cds/}: the classes a broker or
 * service loaded in an earlier run, mapped ready-parsed and verified instead of read from jars, which takes a large
 * part of each JVM's start-up CPU on a small machine. On JDK 25 and later it is an ahead-of-time cache (JEP 483,
 * 514 and 515: the classes loaded and linked, and the methods' profiles), elsewhere an AppCDS archive.
 *
 * <p>The first run of a kind has no archive: its JVM writes one when it exits cleanly
 * ({@code -XX:ArchiveClassesAtExit}, JDK 13+; {@code -XX:AOTCacheOutput}, JDK 25+) to a temporary name, moved into
 * place only after a clean exit, so a killed JVM never leaves half an archive. Later runs map it
 * ({@code -XX:SharedArchiveFile}, {@code -XX:AOTCache}). The archive's name holds a digest of the Java runtime and
 * of the class path's files (path, size, time), so a rebuild or another JDK makes a new one; the JVM checks the
 * class path again itself, and a stale or unreadable archive only costs the sharing, never the start.
 */
record ClassDataSharing(String kind, Format format, Path archive, Path pending) {

    /** The kind of archive, by what the running JDK supports. */
    enum Format {
        /** A dynamic AppCDS archive (JDK 13+). */
        APP_CDS(".jsa", "-XX:SharedArchiveFile=", "-XX:ArchiveClassesAtExit="),
        /** An ahead-of-time cache (JDK 25+), which also holds the linking and the method profiles. */
        AOT_CACHE(".aot", "-XX:AOTCache=", "-XX:AOTCacheOutput=");

        final String suffix;
        final String mapFlag;
        final String writeFlag;

        Format(String suffix, String mapFlag, String writeFlag) {
            this.suffix = suffix;
            this.mapFlag = mapFlag;
            this.writeFlag = writeFlag;
        }

        /** The format the running JDK (which runs every child) writes best. */
        static Format forRuntime() {
            return Runtime.version().feature() >= 25 ? AOT_CACHE : APP_CDS;
        }
    }

    /**
     * The archive of {@code kind} (e.g. {@code sink-service}) for a JVM whose classes come from {@code classPath};
     * null when {@code -Durlcheck.cds=false}, when the class path holds a directory of classes (the JVM archives
     * only jars: a test run's {@code target/test-classes} would fail every dump at exit), or when the cache
     * directory cannot be made.
     */
    static ClassDataSharing of(String kind, List<Path> classPath) {
        return of(kind, classPath, Format.forRuntime());
    }

    /** As {@link #of(String, List)}, in {@code format}. */
    static ClassDataSharing of(String kind, List<Path> classPath, Format format) {
        boolean enabled = Boolean.parseBoolean(System.getProperty("urlcheck.cds", "true"));
        if (!enabled || classPath.stream().anyMatch(Files::isDirectory)) {
            return null;
        }
        Path dir = Path.of(System.getProperty("urlcheck.home", ".")).toAbsolutePath().resolve(".urlcheck").resolve("cds");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return null;
        }
        Path archive = dir.resolve(kind + "-" + digest(classPath) + format.suffix);
        Path pending = dir.resolve(archive.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + System.nanoTime() + ".tmp");
        return new ClassDataSharing(kind, format, archive, pending);
    }

    /** The JVM flags: map the archive when there is one, else write one at a clean exit. */
    List<String> flags() {
        String flag = Files.isRegularFile(archive) ? format.mapFlag + archive : format.writeFlag + pending;
        return format == Format.APP_CDS ? List.of(flag, "-Xshare:auto") : List.of(flag);
    }

    /** True when this JVM writes the archive as it exits, so it must be let to exit, not killed. */
    boolean writesAtExit() {
        return !Files.isRegularFile(archive);
    }

    /** After the JVM's exit with {@code exitCode}: moves a cleanly written archive into place, drops anything else. */
    void afterExit(int exitCode) {
        try {
            boolean clean = exitCode == 0 || exitCode == 143; // 143: exited by SIGTERM through its shutdown hooks
            if (clean && Files.isRegularFile(pending) && Files.size(pending) > 0) {
                Files.move(pending, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                dropOtherArchives();
            } else {
                Files.deleteIfExists(pending);
            }
            Files.deleteIfExists(Path.of(pending + ".config")); // the AOT cache's training record, once assembled
        } catch (IOException e) {
            // an archive is an optimization: the next run writes another
        }
    }

    /**
     * Deletes this kind's archives of earlier builds (about 50 MB each). A JVM still mapping one keeps its
     * mapping; the file's name is gone.
     */
    private void dropOtherArchives() throws IOException {
        try (var files = Files.list(archive.getParent())) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith(kind + "-") && !file.equals(archive)
                        && name.substring(kind.length() + 1).matches("[0-9a-f]+\\.(jsa|aot)")) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static String digest(List<Path> classPath) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((System.getProperty("java.home") + "|" + System.getProperty("java.vm.version"))
                    .getBytes(StandardCharsets.UTF_8));
            for (Path entry : classPath) {
                String stamp = entry.toAbsolutePath() + "|" + (Files.exists(entry)
                        ? Files.size(entry) + "|" + Files.getLastModifiedTime(entry).toMillis() : "-");
                sha.update(stamp.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException | IOException e) {
            return "nodigest";
        }
    }
}
