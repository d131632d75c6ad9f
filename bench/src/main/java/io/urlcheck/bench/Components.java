package io.urlcheck.bench;

import java.util.List;

/**
 * Names the part of the worker a sampled stack belongs to, for {@code jfr-top} and {@code stacks-top}:
 * first by the thread's own kind (JIT compiler, VM thread, boot), then by the leaf-most frame whose
 * class is in a known package. Frames are type names with dots, leaf first; native and kernel frames
 * match no package and are passed over, so a syscall is counted for the Java code that made it.
 */
final class Components {

    private Components() {
    }

    /** Threads that are one component whatever they run; matched anywhere on the stack. */
    private static final String[][] THREADS = {
            {"CompileBroker::", "JIT compiler"},
            {"VMThread::", "GC and safepoints (VM thread)"},
            {"io.quarkus.bootstrap.runner.QuarkusEntryPoint", "boot (main thread)"},
    };

    /** Package prefixes, checked from the leaf of a stack down: the first frame that matches names the component. */
    private static final String[][] PACKAGES = {
            {"org.jsoup.", "title parsing (jsoup)"},
            {"io.urlcheck.worker.html.", "title parsing (worker)"},
            {"com.fasterxml.jackson.", "JSON (Jackson)"},
            {"io.urlcheck.contract.", "JSON (Jackson)"},
            {"io.micrometer.", "metrics (Micrometer)"},
            {"io.smallrye.context.", "context propagation"},
            {"io.quarkus.arc.", "CDI request context (ArC)"},
            {"io.opentelemetry.", "OpenTelemetry"},
            {"org.apache.kafka.", "Kafka client"},
            {"io.smallrye.reactive.messaging.", "reactive messaging"},
            {"io.smallrye.mutiny.", "Mutiny operators"},
            {"io.urlcheck.", "urlcheck code"},
            {"io.vertx.", "Vert.x / Netty I/O"},
            {"io.netty.", "Vert.x / Netty I/O"},
            {"sun.nio.", "JDK NIO"},
            {"java.util.concurrent.", "JDK concurrency"},
    };

    static String of(List<String> typesLeafFirst) {
        for (String type : typesLeafFirst) {
            for (String[] t : THREADS) {
                if (type.startsWith(t[0])) {
                    return t[1];
                }
            }
        }
        for (String type : typesLeafFirst) {
            for (String[] p : PACKAGES) {
                if (type.startsWith(p[0])) {
                    return p[1];
                }
            }
        }
        return "other (JDK, native)";
    }
}
