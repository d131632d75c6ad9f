package io.urlcheck.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        StackTally stacks = new StackTally(bench.options());
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Long> allocation = new HashMap<>();
        Map<String, Long> allocationSites = new HashMap<>();
        double jvmCpu = 0;
        double machineCpu = 0;
        int cpuEvents = 0;
        long gcPauseNanos = 0;
        int gcs = 0;
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
                RecordedStackTrace stack = event.getStackTrace();
                threads.merge(event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName(), 1, Integer::sum);
                List<RecordedFrame> frames = stack == null ? List.of() : stack.getFrames(); // top of stack first
                stacks.add(frames.stream().map(JfrTop::name).toList(),
                        frames.stream().map(f -> f.getMethod().getType().getName()).toList(), 1);
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
        int samples = stacks.samples();
        System.out.printf("%s: %d execution samples%n", file, samples);
        if (cpuEvents > 0) {
            System.out.printf("CPU (jdk.CPULoad averages): this JVM %.0f %%, whole machine %.0f %% of all cores; GC: %d collections, %.2f s paused%n",
                    100 * jvmCpu / cpuEvents, 100 * machineCpu / cpuEvents, gcs, gcPauseNanos / 1e9);
        }
        stacks.print("by component (leaf-most matching frame)");
        StackTally.printShares("threads", threads, samples, 15);
        long allocated = allocation.values().stream().mapToLong(Long::longValue).sum();
        StackTally.printShares("allocated classes (sampled weight)", allocation, allocated, 15);
        StackTally.printShares("first non-JDK allocating frame", allocationSites, allocated, stacks.top());
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
