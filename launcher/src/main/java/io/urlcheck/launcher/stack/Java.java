package io.urlcheck.launcher.stack;

import java.nio.file.Path;
import java.util.List;

/** Where the running JVM is, so that children run on the same Java as the launcher. */
final class Java {

    private Java() {
    }

    /** The {@code java} executable of this JVM. */
    static String executable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Flags every child JVM gets: quick start-up matters more than peak speed for a local stack. The young
     * generation is half the heap with larger survivor spaces, because the worker's pending checks live
     * for about half a second and were otherwise promoted early into full collections (bench/README.md, finding 14).
     */
    static List<String> startupFlags() {
        return List.of("-XX:+UseSerialGC", "-XX:NewRatio=1", "-XX:SurvivorRatio=4", "-XX:TieredStopAtLevel=1");
    }
}
