package io.urlcheck.bench;

import io.urlcheck.launcher.stack.ServiceProcess;

import java.io.IOException;
import java.time.Instant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a live process's memory and CPU figures from /proc (Linux only). */
public final class ProcStatus {

    private static final long CLOCK_TICKS = 100;

    private ProcStatus() {
    }

    /** Peak resident set size (VmHWM) in KiB, or -1 when the process is gone. */
    public static long peakRssKib(long pid) {
        return statusKib(pid, "VmHWM:");
    }

    /** Current resident set size (VmRSS) in KiB, or -1 when the process is gone. */
    public static long rssKib(long pid) {
        return statusKib(pid, "VmRSS:");
    }

    /** User plus system CPU seconds the process has used, or -1 when it is gone. */
    public static double cpuSeconds(long pid) {
        try {
            return statCpuSeconds(Files.readString(Path.of("/proc/" + pid + "/stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Seconds {@code service}'s live threads have spent runnable but waiting for a CPU (the second field of each
     * {@code /proc/<pid>/task/<tid>/schedstat}), or -1 when unreadable. Summed over threads, so it can exceed wall time:
     * on a shared machine it says how much of a run the worker was ready to work and got no core.
     */
    public static double runQueueWaitSeconds(ServiceProcess service) {
        Map<Long, String> schedstats = taskFiles(service.process().pid(), "schedstat");
        if (schedstats == null) {
            return -1;
        }
        long nanos = 0;
        for (String schedstat : schedstats.values()) {
            try {
                nanos += Long.parseLong(schedstat.trim().split(" ")[1]);
            } catch (RuntimeException e) {
                // unreadable: left out, as a thread that ended is
            }
        }
        return nanos / 1e9;
    }

    /** One thread's kind ({@link #threadKind}) and the CPU seconds it has used. */
    public record ThreadCpu(String kind, double seconds) {
    }

    /**
     * CPU seconds of each of {@code pid}'s live threads, by thread id, from each {@code /proc/<pid>/task/<tid>/stat};
     * empty when unreadable. Compare two readings with {@link #cpuSecondsByThreadKind(Map, Map)}.
     */
    public static Map<Long, ThreadCpu> threadCpu(long pid) {
        Map<Long, String> stats = taskFiles(pid, "stat");
        if (stats == null) {
            return Map.of();
        }
        Map<Long, ThreadCpu> threads = new LinkedHashMap<>();
        stats.forEach((tid, stat) -> threads.put(tid,
                new ThreadCpu(threadKind(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))), statCpuSeconds(stat))));
        return threads;
    }

    /**
     * CPU seconds used between two {@link #threadCpu} readings, by thread kind: {@code jit} (the C1 and C2 compiler
     * threads), {@code gc} (the VM thread, which runs the serial collector, and any GC workers), {@code eventLoops}
     * (Vert.x's), {@code kafka} (client, consumer and producer threads) and {@code other}. Counted per thread, so a thread
     * that started between the readings counts whole; one that ended before the second is missing (the JVM retires
     * idle compiler threads), so each figure is a lower bound.
     */
    public static Map<String, Double> cpuSecondsByThreadKind(Map<Long, ThreadCpu> before, Map<Long, ThreadCpu> after) {
        Map<String, Double> kinds = new LinkedHashMap<>();
        for (String kind : new String[] {"jit", "gc", "eventLoops", "kafka", "other"}) {
            kinds.put(kind, 0.0);
        }
        after.forEach((tid, now) -> {
            ThreadCpu then = before.get(tid);
            kinds.merge(now.kind(), now.seconds() - (then == null ? 0 : then.seconds()), Double::sum);
        });
        return kinds;
    }

    /** The kind of a JVM thread, by the name Linux keeps for it (its first 15 characters). */
    static String threadKind(String name) {
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            return "jit";
        }
        if (name.equals("VM Thread") || name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return "gc";
        }
        if (name.startsWith("vert.x-eventloo")) {
            return "eventLoops";
        }
        if (name.startsWith("kafka-") || name.startsWith("smallrye-kafka")) {
            return "kafka";
        }
        return "other";
    }

    /** CPU seconds all cores have been busy since boot (the first line of /proc/stat less idle and iowait), or -1. */
    public static double machineBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / (double) CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Peak RSS (VmHWM) of {@code service} so far, in MiB. */
    public static double peakRssMib(ServiceProcess service) {
        return peakRssKib(service.process().pid()) / 1024.0;
    }

    /** Current RSS (VmRSS) of {@code service}, in MiB. */
    public static double rssMib(ServiceProcess service) {
        return rssKib(service.process().pid()) / 1024.0;
    }

    /** CPU seconds {@code service} has used so far. */
    public static double cpuSeconds(ServiceProcess service) {
        return cpuSeconds(service.process().pid());
    }

    /** When {@code service}'s JVM started, in epoch milliseconds. */
    public static long startedAtMillis(ServiceProcess service) {
        return service.process().handle().info().startInstant().map(Instant::toEpochMilli)
                .orElseThrow(() -> new IllegalStateException("no start time for " + service.name()));
    }

    /**
     * The file {@code name} of each of {@code pid}'s live threads ({@code /proc/<pid>/task/<tid>/<name>}), by thread id,
     * or null when the process is gone. A thread that ends while they are read is left out, so a figure summed over
     * them is a lower bound.
     */
    private static Map<Long, String> taskFiles(long pid, String name) {
        Map<Long, String> files = new LinkedHashMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    files.put(Long.parseLong(task.getFileName().toString()), Files.readString(task.resolve(name)));
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we listed
                }
            }
            return files;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** User plus system CPU seconds from a process's or a thread's {@code stat} line. */
    private static double statCpuSeconds(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
    }

    private static long statusKib(long pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).replace("kB", "").trim());
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
