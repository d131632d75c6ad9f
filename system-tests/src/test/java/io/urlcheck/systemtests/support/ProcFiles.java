package io.urlcheck.systemtests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Linux shows of a process in {@code /proc}: the command line every user may read, the environment only its owner. */
public final class ProcFiles {

    private ProcFiles() {
    }

    /** True on a system with {@code /proc/<pid>/cmdline} (Linux). */
    public static boolean available() {
        return Files.isReadable(Path.of("/proc/self/cmdline"));
    }

    /** The whole command line of {@code process}, arguments separated by spaces, as {@code ps -ww} shows it. */
    public static String commandLine(ProcessHandle process) {
        return read(process, "cmdline").replace('\0', ' ');
    }

    /** The environment of {@code process}, one {@code NAME=value} per line. */
    public static String environment(ProcessHandle process) {
        return read(process, "environ").replace('\0', '\n');
    }

    private static String read(ProcessHandle process, String file) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), file)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + process.pid() + "/" + file, e);
        }
    }
}
