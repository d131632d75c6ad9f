package io.urlcheck.launcher.cli;

import io.urlcheck.contract.JobOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of a job sent to a running stack ({@code submit}, {@code monitor add}): the {@link JobOptionsFlags}
 * and the job's own deadline and retries. ({@code run} has the same names in {@link WorkerOptions}: there they
 * set its own workers' defaults and go with the job too.)
 */
public final class JobSubmitFlags {

    @Mixin
    JobOptionsFlags options;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Whole-request deadline per check for this job, e.g. 5s or 1500ms; a bare number is seconds (default: the worker's setting).")
    String timeout;

    @Option(names = "--retries", paramLabel = "N", description = "Retries of a failed check for this job (default: the worker's setting).")
    Integer retries;

    /** The job's options; an {@link IllegalArgumentException} names a flag with a bad value. */
    JobOptions toJobOptions() {
        return options.toJobOptions(timeout, retries);
    }
}
