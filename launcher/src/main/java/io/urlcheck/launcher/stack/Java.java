package io.urlcheck.launcher.stack;

import java.nio.file.Path;

/** Where the running JVM is, so that children run on the same Java as the launcher. */
final class Java {

    private Java() {
    }

    /** The {@code java} executable of this JVM. */
    static String executable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Flags every child JVM gets: quick start-up matters more than peak speed for a local stack. */
    static java.util.List<String> startupFlags() {
        return java.util.List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");
    }
}
