package io.urlcheck.launcher.cli;

import io.urlcheck.launcher.stack.ChildProcess;
import sun.misc.Signal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Ctrl+C (SIGINT) and SIGTERM as the launcher wants them: the first asks for a graceful stop (the command
 * sees {@link #requested()}, and a thread blocked in start-up is interrupted), so {@code kill}, {@code timeout}
 * or a CI runner's cancel get the same partial, valid results as Ctrl+C; a second signal of either kind
 * forces the exit at once, SIGKILLing every child, unless it comes within {@link #SAME_REQUEST} of the first.
 */
public final class Interrupts {

    /**
     * A stop signal this class takes over: its name ({@code INT}), how a person would name it ({@code Ctrl+C} or
     * {@code SIGTERM}) and the launcher's exit code after a stop by it, the one a shell reports (128 + its number).
     */
    public record StopSignal(String name, String label, int exitCode) {
        /** Ctrl+C. */
        public static final StopSignal INT = new StopSignal("INT", "Ctrl+C", ExitCodes.INTERRUPTED);
        /** {@code kill}, {@code timeout}, a CI runner's cancel. */
        public static final StopSignal TERM = new StopSignal("TERM", "SIGTERM", ExitCodes.TERMINATED);
        /** Every signal {@link #install} takes over. */
        static final List<StopSignal> ALL = List.of(INT, TERM);
    }

    /**
     * A signal this soon after the first is part of the same request, not a second one: GNU {@code timeout}
     * SIGTERMs its child and then its whole process group, so the launcher gets two SIGTERMs microseconds apart,
     * and so does every child of a CI runner or a shell that signals the group. A person's second Ctrl+C,
     * meant to force, comes later than this.
     */
    static final Duration SAME_REQUEST = Duration.ofMillis(250);

    /** The first stop signal; set once, and its being set is what {@link #requested()} reports. */
    private final AtomicReference<StopSignal> stoppedBy = new AtomicReference<>();
    private final CountDownLatch first = new CountDownLatch(1);
    /** When the first stop signal came, by {@link #nanoTime}. */
    private long firstAt;
    private final PrintStream err;
    private final LongSupplier nanoTime;
    private final Runnable force;
    private volatile Thread interruptOnFirst;

    private Interrupts(PrintStream err) {
        this(err, System::nanoTime, () -> {
            ChildProcess.killAll();
            Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
        });
    }

    /** Signals timed by {@code nanoTime}; a forced stop runs {@code force}. */
    Interrupts(PrintStream err, LongSupplier nanoTime, Runnable force) {
        this.err = err;
        this.nanoTime = nanoTime;
        this.force = force;
    }

    /** Takes over SIGINT and SIGTERM for this JVM. */
    public static Interrupts install(PrintStream err) {
        Interrupts interrupts = new Interrupts(err);
        for (StopSignal s : StopSignal.ALL) {
            Signal.handle(new Signal(s.name()), signal -> interrupts.onSignal(s));
        }
        return interrupts;
    }

    /** Synchronized: the JVM runs each signal's handler on a thread of its own, and two may come at once. */
    synchronized void onSignal(StopSignal signal) {
        long now = nanoTime.getAsLong();
        if (stoppedBy.get() == null) {
            firstAt = now;
            stoppedBy.set(signal);
            err.println();
            err.println("urlcheck: " + signal.label() + ": stopping gracefully; press Ctrl+C again to force");
            first.countDown();
            Thread t = interruptOnFirst;
            if (t != null) {
                t.interrupt();
            }
        } else if (now - firstAt < SAME_REQUEST.toNanos()) {
            return; // the same request delivered twice (timeout, a process group's signal): still graceful
        } else {
            err.println("urlcheck: forced stop");
            force.run();
        }
    }

    /** While set, the first Ctrl+C also interrupts {@code thread} (used during start-up, which blocks). */
    public void interruptOnFirst(Thread thread) {
        this.interruptOnFirst = thread;
        if (thread != null && requested()) {
            thread.interrupt();
        }
    }

    /** True once Ctrl+C was pressed or SIGTERM came. */
    public boolean requested() {
        return stoppedBy.get() != null;
    }

    /** The signal that asked for the stop, or null while none did. */
    public StopSignal stoppedBy() {
        return stoppedBy.get();
    }

    /** Blocks until the first Ctrl+C or SIGTERM. */
    public void await() throws InterruptedException {
        first.await();
    }

    /** Blocks up to {@code millis} for the first Ctrl+C or SIGTERM; true if it came. */
    public boolean await(long millis) throws InterruptedException {
        return first.await(millis, TimeUnit.MILLISECONDS);
    }
}
