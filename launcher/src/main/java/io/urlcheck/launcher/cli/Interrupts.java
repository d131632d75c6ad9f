package io.urlcheck.launcher.cli;

import io.urlcheck.launcher.stack.ChildProcess;
import sun.misc.Signal;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Ctrl+C (SIGINT) and SIGTERM as the launcher wants them: the first asks for a graceful stop (the command
 * sees {@link #requested()}, and a thread blocked in start-up is interrupted), so {@code kill}, {@code timeout}
 * or a CI runner's cancel get the same partial, valid results as Ctrl+C; a second signal of either kind
 * forces the exit at once, SIGKILLing every child.
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

    /** The first stop signal; set once, and its being set is what {@link #requested()} reports. */
    private final AtomicReference<StopSignal> stoppedBy = new AtomicReference<>();
    private final CountDownLatch first = new CountDownLatch(1);
    private final PrintStream err;
    private volatile Thread interruptOnFirst;

    private Interrupts(PrintStream err) {
        this.err = err;
    }

    /** Takes over SIGINT and SIGTERM for this JVM. */
    public static Interrupts install(PrintStream err) {
        Interrupts interrupts = new Interrupts(err);
        for (StopSignal s : StopSignal.ALL) {
            Signal.handle(new Signal(s.name()), signal -> interrupts.onSignal(s));
        }
        return interrupts;
    }

    void onSignal(StopSignal signal) {
        if (stoppedBy.compareAndSet(null, signal)) {
            err.println();
            err.println("urlcheck: " + signal.label() + ": stopping gracefully; press Ctrl+C again to force");
            first.countDown();
            Thread t = interruptOnFirst;
            if (t != null) {
                t.interrupt();
            }
        } else {
            err.println("urlcheck: forced stop");
            ChildProcess.killAll();
            Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
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
