package io.urlcheck.launcher.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every port one {@link LocalStack} listens on, decided in one place so that no port is ever planned twice.
 *
 * <p>The scheme: the broker, the producer and the sink get the ports given (0: a free one). Worker 1 gets
 * the worker port; each further worker gets the next port above the previous worker's that nothing else in
 * the plan holds. With the defaults: producer 8081, worker-1 8082, sink 8083, worker-2 8084, worker-3 8085,
 * ... worker-8 8090, Kafka 9092. With a worker port of 0 every worker gets a free port. The broker's
 * controller and second listener always get free ports. A port given twice is refused before anything starts.
 */
public final class PortPlan {

    /** One planned port: what listens there and the option that changes it. */
    public record Entry(int port, String what, String option) {
    }

    private final Map<Integer, Entry> planned = new LinkedHashMap<>();
    private final int workerBase;
    private final List<Integer> workerPorts = new ArrayList<>();

    private PortPlan(int workerBase) {
        this.workerBase = workerBase;
    }

    /**
     * The ports the user fixed (and the workers' ports derived from them), without picking any free port and
     * without looking at what listens now; throws {@link IllegalArgumentException} when two of them are the same.
     */
    public static PortPlan fixed(StackConfig config) {
        PortPlan plan = new PortPlan(config.workerPort());
        plan.fixedPort(config.kafkaPort(), "Kafka", "--kafka-port");
        plan.fixedPort(config.producerPort(), "producer API", "--producer-port");
        plan.fixedPort(config.sinkPort(), "sink API", "--sink-port");
        for (int i = 1; i <= config.workers(); i++) {
            plan.planWorker(false);
        }
        return plan;
    }

    /**
     * The whole plan for {@code config}: the fixed ports, each checked to be free now (a taken one is a
     * {@link PortInUseException}), and a free port for everything left at 0 and for the broker's controller.
     */
    public static PortPlan of(StackConfig config) {
        PortPlan plan = fixed(config);
        for (Entry entry : plan.planned.values()) {
            Ports.requireFree(entry.port(), entry.what(), entry.option());
        }
        plan.freeIfUnset(config.kafkaPort(), "Kafka", "--kafka-port");
        plan.freeIfUnset(config.producerPort(), "producer API", "--producer-port");
        plan.freeIfUnset(config.sinkPort(), "sink API", "--sink-port");
        if (config.workerPort() == 0) {
            for (int i = 1; i <= config.workers(); i++) {
                plan.planWorker(true);
            }
        }
        plan.planFree("Kafka controller");
        if (config.listener() != null) {
            plan.planFree("Kafka listener");
        }
        return plan;
    }

    private void fixedPort(int port, String what, String option) {
        if (port != 0) {
            add(new Entry(port, what, option));
        }
    }

    private void freeIfUnset(int port, String what, String option) {
        if (port == 0) {
            add(new Entry(free(), what, option));
        }
    }

    private int planFree(String what) {
        int port = free();
        add(new Entry(port, what, "(a free port)"));
        return port;
    }

    /**
     * Plans the next worker's port: the next unplanned port above the previous worker's (the worker port for
     * the first), or a free port when the worker port is 0; {@code checkFree} checks a derived port is free now.
     */
    private int planWorker(boolean checkFree) {
        int index = workerPorts.size() + 1;
        String what = "worker " + index + " HTTP";
        if (workerBase == 0) {
            if (!checkFree) {
                return 0;
            }
            int port = free();
            add(new Entry(port, what, "--worker-port"));
            workerPorts.add(port);
            return port;
        }
        int port = workerPorts.isEmpty() ? workerBase : workerPorts.get(workerPorts.size() - 1) + 1;
        if (!workerPorts.isEmpty()) {
            while (planned.containsKey(port)) {
                port++;
            }
        }
        if (port > 65_535) {
            throw new IllegalArgumentException("no port left above --worker-port " + workerBase + " for worker " + index);
        }
        Entry entry = new Entry(port, what, "--worker-port");
        add(entry);
        if (checkFree) {
            Ports.requireFree(port, what, "--worker-port");
        }
        workerPorts.add(port);
        return port;
    }

    /** Plans one more worker (for {@link LocalStack#addWorker}) and returns its port. */
    synchronized int addWorker() {
        return planWorker(true);
    }

    private int free() {
        while (true) {
            int port = Ports.free();
            if (!planned.containsKey(port)) {
                return port;
            }
        }
    }

    private void add(Entry entry) {
        Entry earlier = planned.putIfAbsent(entry.port(), entry);
        if (earlier != null) {
            throw new IllegalArgumentException("port " + entry.port() + " would serve both the " + earlier.what()
                    + " (" + earlier.option() + ") and the " + entry.what() + " (" + entry.option()
                    + "); give each its own port");
        }
    }

    /** The port of {@code what} as planned, e.g. {@code "Kafka"} or {@code "sink API"}. */
    private int portOf(String what) {
        return planned.values().stream().filter(e -> e.what().equals(what)).mapToInt(Entry::port).findFirst()
                .orElseThrow(() -> new IllegalStateException(what + " has no port in this plan"));
    }

    /** The broker's client port. */
    public int kafka() { return portOf("Kafka"); }
    /** The broker's controller (KRaft quorum) port. */
    public int controller() { return portOf("Kafka controller"); }
    /** The port of the broker's second listener; only when the stack has one ({@link StackConfig#listener()}). */
    public int listener() { return portOf("Kafka listener"); }
    /** The producer's HTTP port. */
    public int producer() { return portOf("producer API"); }
    /** The sink's HTTP port. */
    public int sink() { return portOf("sink API"); }
    /** The HTTP port of worker {@code index} (from 1). */
    public int worker(int index) { return workerPorts.get(index - 1); }
    /** The workers' HTTP ports, worker 1 first (empty in a {@link #fixed} plan with a worker port of 0). */
    public List<Integer> workers() { return List.copyOf(workerPorts); }
    /** Every planned port in planning order. */
    public List<Entry> entries() { return List.copyOf(planned.values()); }
}
