package io.urlcheck.launcher.cli;

import picocli.CommandLine.Option;

/**
 * {@code submit}'s per-job deadline and retries. ({@code run} has the same names in {@link WorkerOptions}: there they
 * set its own workers' defaults and go with the job too.)
 */
public final class JobLimitFlags {

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Whole-request deadline per check for this job, e.g. 5s or 1500ms; a bare number is seconds (default: the worker's setting).")
    String timeout;

    @Option(names = "--retries", paramLabel = "N", description = "Retries of a failed check for this job (default: the worker's setting).")
    Integer retries;
}
