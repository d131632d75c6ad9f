package io.urlcheck.launcher.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where the running JVM is, so that children run on the same Java as the launcher. */
final class Java {

    private Java() {
    }

    /** The {@code java} executable of this JVM. */
    static String executable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** How a child JVM compiles. */
    enum Jit {
        /** C1 alone: a run of seconds is over before C2's compilations would pay for their CPU (bench/README.md, finding 9). */
        QUICK_START,
        /** The tiered JIT, as deploy/ runs the services: a worker that serves for hours reaches C2's speed (bench/README.md, finding 17). */
        TIERED
    }

    /**
     * Flags every child JVM gets. The young generation is half the heap with larger survivor spaces, because the
     * worker's pending checks live for about half a second and were otherwise promoted early into full collections
     * (bench/README.md, finding 14).
     */
    static List<String> flags(Jit jit) {
        List<String> flags = new ArrayList<>(List.of("-XX:+UseSerialGC", "-XX:NewRatio=1", "-XX:SurvivorRatio=4"));
        if (jit == Jit.QUICK_START) {
            flags.add("-XX:TieredStopAtLevel=1");
        }
        return List.copyOf(flags);
    }
}
