package io.urlcheck.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bench jfr-top --file worker.jfr}: where a recorded worker spent its CPU and its allocations.
 * Prints the hottest methods by self samples, by total (inclusive) samples, the busiest threads, and
 * the classes allocated most (by sampled weight). Enough to tell the event loop from Kafka from JSON.
 */
final class JfrTop {

    private JfrTop() {
    }

    static void run(Bench bench) throws IOException {
        Path file = Path.of(bench.options().string("file", ""));
        int top = bench.options().integer("top", 25);
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Long> allocation = new HashMap<>();
        Map<String, Long> allocationSites = new HashMap<>();
        Map<String, Integer> components = new HashMap<>();
        double jvmCpu = 0;
        double machineCpu = 0;
        int cpuEvents = 0;
        long gcPauseNanos = 0;
        int gcs = 0;
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.CPULoad")) {
                jvmCpu += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
                machineCpu += event.getFloat("machineTotal");
                cpuEvents++;
            } else if (type.equals("jdk.GarbageCollection")) {
                gcPauseNanos += event.getDuration("sumOfPauses").toNanos();
                gcs++;
            }
            if (type.equals("jdk.ExecutionSample")) {
                samples++;
                RecordedStackTrace stack = event.getStackTrace();
                threads.merge(event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName(), 1, Integer::sum);
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                List<RecordedFrame> frames = stack.getFrames();
                self.merge(name(frames.get(0)), 1, Integer::sum);
                components.merge(component(frames), 1, Integer::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    if (seen.add(name(frame))) {
                        total.merge(name(frame), 1, Integer::sum);
                    }
                }
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                long weight = event.getLong("weight");
                allocation.merge(event.getClass("objectClass").getName(), weight, Long::sum);
                RecordedStackTrace stack = event.getStackTrace();
                if (stack != null) {
                    for (RecordedFrame frame : stack.getFrames()) {
                        String n = name(frame);
                        if (!n.startsWith("java.") && !n.startsWith("jdk.") && !n.startsWith("sun.")) {
                            allocationSites.merge(n, weight, Long::sum);
                            break;
                        }
                    }
                }
            }
        }
        System.out.printf("%s: %d execution samples%n", file, samples);
        if (cpuEvents > 0) {
            System.out.printf("CPU (jdk.CPULoad averages): this JVM %.0f %%, whole machine %.0f %% of all cores; GC: %d collections, %.2f s paused%n",
                    100 * jvmCpu / cpuEvents, 100 * machineCpu / cpuEvents, gcs, gcPauseNanos / 1e9);
        }
        print("by component (leaf-most matching frame)", components, samples, 20);
        print("self (top of stack)", self, samples, top);
        print("total (anywhere on stack)", total, samples, top);
        print("threads", threads, samples, 15);
        long allocated = allocation.values().stream().mapToLong(Long::longValue).sum();
        printLong("allocated classes (sampled weight)", allocation, allocated, 15);
        printLong("first non-JDK allocating frame", allocationSites, allocated, top);
    }

    private static String component(List<RecordedFrame> frames) {
        List<String> types = new ArrayList<>(frames.size());
        for (RecordedFrame frame : frames) {
            types.add(frame.getMethod().getType().getName());
        }
        return Components.of(types);
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    static void print(String title, Map<String, Integer> counts, int samples, int top) {
        System.out.println("\n-- " + title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf("%6.1f %%  %s%n", 100.0 * e.getValue() / Math.max(samples, 1), e.getKey()));
    }

    private static void printLong(String title, Map<String, Long> counts, long sum, int top) {
        System.out.println("\n-- " + title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf("%6.1f %%  %s%n", 100.0 * e.getValue() / Math.max(sum, 1), e.getKey()));
    }
}
