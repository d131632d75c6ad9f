package io.urlcheck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the figures came from: cores, CPU model, memory, JDK, load, and the commit measured. */
public final class Machine {

    private Machine() {
    }

    /** A description of this machine, for the JSON record. */
    public static Map<String, Object> describe(Path home) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nproc", Runtime.getRuntime().availableProcessors());
        m.put("cpuModel", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        m.put("memTotal", firstValue(Path.of("/proc/meminfo"), "MemTotal"));
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("loadAverage", loadAverage());
        m.put("gitCommit", git(home, "rev-parse", "--short", "HEAD"));
        m.put("workerCommit", git(home, "log", "-1", "--format=%h", "--", "worker-service"));
        // The services are built from the work tree, which may hold their owners' uncommitted edits.
        m.put("servicesTreeDirty", !git(home, "status", "--porcelain", "--", "worker-service/src/main",
                "producer-service/src/main", "sink-service/src/main").isEmpty());
        return m;
    }

    /** The 1-minute load average now, the best single hint of how noisy a run was. */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String firstValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }

    private static String git(Path home, String... args) {
        try {
            String[] command = new String[args.length + 3];
            command[0] = "git";
            command[1] = "-C";
            command[2] = home.toString();
            System.arraycopy(args, 0, command, 3, args.length);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
