package io.urlcheck.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

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
        StackTally stacks = new StackTally(bench.options());
        int kernel = 0;
        try (BufferedReader lines = Files.newBufferedReader(file)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                int space = line.lastIndexOf(' ');
                if (space < 0) {
                    continue;
                }
                int count = Integer.parseInt(line.substring(space + 1));
                List<String> leafFirst = Arrays.asList(line.substring(0, space).split(";"));
                Collections.reverse(leafFirst);
                if (leafFirst.get(0).endsWith("_[k]")) {
                    kernel += count;
                }
                stacks.add(leafFirst, leafFirst.stream().map(StacksTop::typeOf).toList(), count);
            }
        }
        int samples = stacks.samples();
        System.out.printf("%s: %d samples; %.1f %% with the leaf in the kernel%n", file, samples, 100.0 * kernel / Math.max(samples, 1));
        stacks.print("by component (thread kind, else leaf-most matching frame)");
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
