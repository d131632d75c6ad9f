package io.urlcheck.launcher.cli;

/** The launcher's exit codes; documented in launcher/README.md, relied on by CI scripts. */
public final class ExitCodes {

    /** Every URL was checked (whatever the outcomes, unless {@code --fail-on-error}). */
    public static final int OK = 0;
    /**
     * {@code --fail-on-error} was given and at least one URL's outcome is not {@code OK}, or {@code --fail-on-new}
     * was given and at least one URL broke since {@code --baseline}.
     */
    public static final int URL_FAILURES = 1;
    /** The command line was wrong (picocli's usage error code). */
    public static final int USAGE = 2;
    /** The stack could not start (a taken port, a missing build, a broker failure) or an API could not be reached. */
    public static final int ERROR = 3;
    /**
     * {@code run} could not write its results to {@code --out} at the end (the disk filled up, the directory
     * went away); they are in the run directory instead, and the error line says where.
     */
    public static final int RESULTS_ELSEWHERE = 4;
    /** Stopped by Ctrl+C; {@code run} has written the partial results. 128 + SIGINT, as shells do. */
    public static final int INTERRUPTED = 130;
    /** Stopped by SIGTERM, gracefully as by Ctrl+C. 128 + SIGTERM, as shells do. */
    public static final int TERMINATED = 143;

    private ExitCodes() {
    }
}
