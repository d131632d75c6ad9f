package io.urlcheck.launcher.cli;

import io.urlcheck.launcher.stack.ChildProcess;
import sun.misc.Signal;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl+C (SIGINT) as the launcher wants it: the first asks for a graceful stop (the command sees
 * {@link #requested()}, and a thread blocked in start-up is interrupted); the second forces the exit at
 * once, SIGKILLing every child. SIGTERM keeps the JVM's default: shutdown hooks, which kill the children.
 */
public final class Interrupts {

    private final AtomicInteger count = new AtomicInteger();
    private final CountDownLatch first = new CountDownLatch(1);
    private final PrintStream err;
    private volatile Thread interruptOnFirst;

    private Interrupts(PrintStream err) {
        this.err = err;
    }

    /** Takes over SIGINT for this JVM. */
    public static Interrupts install(PrintStream err) {
        Interrupts interrupts = new Interrupts(err);
        Signal.handle(new Signal("INT"), signal -> interrupts.onSignal());
        return interrupts;
    }

    void onSignal() {
        int n = count.incrementAndGet();
        if (n == 1) {
            err.println();
            err.println("urlcheck: stopping gracefully; press Ctrl+C again to force");
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

    /** True once Ctrl+C was pressed. */
    public boolean requested() {
        return count.get() > 0;
    }

    /** Blocks until the first Ctrl+C. */
    public void await() throws InterruptedException {
        first.await();
    }

    /** Blocks up to {@code millis} for the first Ctrl+C; true if it came. */
    public boolean await(long millis) throws InterruptedException {
        return first.await(millis, TimeUnit.MILLISECONDS);
    }
}
