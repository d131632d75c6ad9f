package io.urlcheck.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bench stacks-top --file worker.cpu.collapsed}: where a worker profiled with
 * {@code --async-profiler cpu} spent its CPU. The same tables as {@code jfr-top} (by component, self,
 * total), plus the share of samples whose leaf is in the kernel: async-profiler sees native and kernel
 * frames, so a request's {@code write} syscall, with the loopback delivery it does, is on the stack.
 */
final class StacksTop {

    private StacksTop() {
    }

    static void run(Bench bench) throws IOException {
        Path file = Path.of(bench.options().string("file", ""));
        int top = bench.options().integer("top", 25);
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> components = new HashMap<>();
        int samples = 0;
        int kernel = 0;
        try (BufferedReader lines = Files.newBufferedReader(file)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                int space = line.lastIndexOf(' ');
                if (space < 0) {
                    continue;
                }
                int count = Integer.parseInt(line.substring(space + 1));
                String[] rootFirst = line.substring(0, space).split(";");
                samples += count;
                String leaf = rootFirst[rootFirst.length - 1];
                self.merge(leaf, count, Integer::sum);
                if (leaf.endsWith("_[k]")) {
                    kernel += count;
                }
                List<String> typesLeafFirst = new ArrayList<>(rootFirst.length);
                Set<String> seen = new HashSet<>();
                for (int i = rootFirst.length - 1; i >= 0; i--) {
                    typesLeafFirst.add(typeOf(rootFirst[i]));
                    if (seen.add(rootFirst[i])) {
                        total.merge(rootFirst[i], count, Integer::sum);
                    }
                }
                components.merge(Components.of(typesLeafFirst), count, Integer::sum);
            }
        }
        System.out.printf("%s: %d samples; %.1f %% with the leaf in the kernel%n", file, samples, 100.0 * kernel / Math.max(samples, 1));
        JfrTop.print("by component (thread kind, else leaf-most matching frame)", components, samples, 20);
        JfrTop.print("self (top of stack)", self, samples, top);
        JfrTop.print("total (anywhere on stack)", total, samples, top);
    }

    /**
     * A Java frame {@code io/vertx/core/Foo.bar} as the type {@code io.vertx.core.Foo}; a native frame
     * ({@code VMThread::run}) or a kernel one ({@code do_syscall_64_[k]}) as it is.
     */
    static String typeOf(String frame) {
        if (frame.contains("::") || frame.endsWith("_[k]") || frame.indexOf('/') < 0) {
            return frame;
        }
        int dot = frame.lastIndexOf('.');
        return (dot < 0 ? frame : frame.substring(0, dot)).replace('/', '.');
    }
}
