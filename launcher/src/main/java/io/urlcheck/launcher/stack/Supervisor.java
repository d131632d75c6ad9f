package io.urlcheck.launcher.stack;

import io.urlcheck.contract.DaemonThreads;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps a serving stack ({@code up}) running, as Kubernetes keeps deploy/'s pods: a child whose JVM exited, or a
 * service whose {@code /q/health/live} answered DOWN {@link #DOWN_THRESHOLD} looks in a row (a worker whose Kafka
 * channel failed says so there), is restarted, and a line on stderr names it, why, and its log.
 *
 * <p>deploy/'s liveness probe is the model: a look every {@link #PERIOD}, three DOWNs. Unlike it, a probe that gets no
 * answer counts for nothing: a 2-core machine under a large job answers late, and a restart would throw away the
 * checks under way for a service that is only busy. A child that keeps failing is restarted at once the first time,
 * then after 10 s, 20 s, 40 s ... at most 5 minutes, as Kubernetes backs off a crash loop; after 10 minutes alive
 * and live since its last restart, the next failure is restarted at once again.
 */
public final class Supervisor implements AutoCloseable {

    /** How often each child is looked at. */
    static final Duration PERIOD = Duration.ofSeconds(5);
    /** DOWN answers in a row that make a live JVM restarted. */
    static final int DOWN_THRESHOLD = 3;
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final Duration HEALTHY_RESET = Duration.ofMinutes(10);

    /** What a service's liveness endpoint answered. */
    public enum Liveness {
        /** 200: live. */
        UP,
        /** 503: the service says it is not live and must be restarted. */
        DOWN,
        /** No answer in time, or not listening (yet): says nothing either way. */
        NO_ANSWER
    }

    /** What the supervisor sees of a child, and how it restarts one. */
    public interface Child {
        /** The name in messages, such as {@code worker-1}. */
        String name();

        /** The JVM's exit code once it has exited; empty while it runs. */
        Optional<Integer> exitCode();

        /** What the child answers about its own liveness now. */
        Liveness liveness();

        /** Starts the child again, the old JVM gone first; throws a {@link StackException} when it cannot. */
        void restart();

        /** The child's log, named in the restart message. */
        Path logFile();
    }

    private final List<Watch> watches = new ArrayList<>();
    private final Consumer<String> report;
    private final Clock clock;
    private ScheduledExecutorService timer;

    Supervisor(List<? extends Child> children, Consumer<String> report, Clock clock) {
        children.forEach(child -> watches.add(new Watch(child)));
        this.report = report;
        this.clock = clock;
    }

    /**
     * Watches {@code children} every {@link #PERIOD} until {@link #close()}, reporting each restart as a line to
     * {@code report} (stderr, or a progress display that keeps the line out of its bar).
     */
    public static Supervisor start(List<? extends Child> children, Consumer<String> report) {
        Supervisor supervisor = new Supervisor(children, report, Clock.systemUTC());
        supervisor.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("urlcheck-supervisor"));
        supervisor.timer.scheduleWithFixedDelay(supervisor::lookSafely, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return supervisor;
    }

    /** One look at every child: restarts those that exited or said DOWN often enough, unless backing off. */
    void look() {
        Instant now = clock.instant();
        for (Watch watch : watches) {
            watch.look(now);
        }
    }

    private void lookSafely() {
        try {
            look();
        } catch (RuntimeException e) {
            report.accept("urlcheck: supervising the stack failed: " + e); // the next look tries again
        }
    }

    /** Stops watching; a restart under way is interrupted. Call before stopping the children. */
    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One child's record: DOWNs in a row, restarts so far, and when the next restart may come. */
    private final class Watch {
        private final Child child;
        private int downs;
        private int restarts;
        private Instant lastRestart = Instant.MIN;
        private Instant notBefore = Instant.MIN;

        Watch(Child child) {
            this.child = child;
        }

        void look(Instant now) {
            String reason = failure(now);
            if (reason == null || now.isBefore(notBefore)) {
                return;
            }
            report.accept("urlcheck: " + child.name() + " " + reason + "; restarting it (log: " + child.logFile() + ")");
            restarts++;
            downs = 0;
            lastRestart = now;
            notBefore = now.plus(backoff(restarts));
            try {
                child.restart();
                report.accept("urlcheck: " + child.name() + " restarted");
            } catch (StackException e) {
                String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
                report.accept("urlcheck: " + child.name() + " did not restart: " + why);
            }
        }

        /** Why the child must be restarted now, or null. */
        private String failure(Instant now) {
            Optional<Integer> exit = child.exitCode();
            if (exit.isPresent()) {
                return "exited with code " + exit.get();
            }
            Liveness liveness = child.liveness();
            if (liveness == Liveness.DOWN) {
                downs++;
                return downs >= DOWN_THRESHOLD ? "answered /q/health/live DOWN " + downs + " times in a row" : null;
            }
            if (liveness == Liveness.UP) {
                downs = 0;
                if (restarts > 0 && !now.isBefore(lastRestart.plus(HEALTHY_RESET))) {
                    restarts = 0; // healthy long enough: the next failure is a new one, restarted at once
                    notBefore = Instant.MIN;
                }
            }
            return null;
        }
    }

    /** The wait after the {@code restarts}-th restart before another: 10 s, doubling, at most 5 minutes. */
    static Duration backoff(int restarts) {
        int doublings = Math.min(restarts - 1, 10);
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << doublings);
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }
}
