package io.urlcheck.contract;

import java.util.concurrent.ThreadFactory;

/**
 * The one way the services and the launcher make their background threads: named, so that a thread dump
 * or a profile says whose a thread is, and daemon, so that no timer, reader or writer of theirs keeps a
 * JVM alive once its main work has stopped. Every such thread gets both, or a stuck one holds a shutdown.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** A factory for an executor's threads, each named {@code name}. */
    public static ThreadFactory named(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Starts {@code task} on a daemon thread named {@code name} and returns the thread. */
    public static Thread start(String name, Runnable task) {
        Thread thread = named(name).newThread(task);
        thread.start();
        return thread;
    }
}
