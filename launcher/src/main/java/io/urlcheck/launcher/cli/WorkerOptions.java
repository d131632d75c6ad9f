package io.urlcheck.launcher.cli;

import io.urlcheck.contract.AddressRange;
import io.urlcheck.contract.JobOptions;
import io.urlcheck.launcher.stack.StackConfig;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** How the local workers check: concurrency, per-host limit, timeout, retries and the address allow and deny lists. */
public final class WorkerOptions {

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Checks in flight per worker (urlcheck.worker.max-in-flight; service default 256).")
    Integer concurrency;

    @Option(names = "--per-host", paramLabel = "N",
            description = "Checks in flight per host per worker (urlcheck.worker.max-per-host; default 8).")
    Integer perHost;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Whole-request deadline per check, e.g. 5s or 1500ms; a bare number is seconds (urlcheck.worker.request-timeout; default 10s).")
    String timeout;

    @Option(names = "--retries", paramLabel = "N",
            description = "Retries of a failed check (urlcheck.worker.max-retries; default 2).")
    Integer retries;

    @Option(names = "--allow-cidr", paramLabel = "CIDR",
            description = {"Let workers check addresses in this range; repeatable. The address policy blocks",
                    "private, loopback, link-local and metadata ranges by default, so checking",
                    "a local server needs --allow-cidr 127.0.0.0/8."})
    List<String> allowCidrs = new ArrayList<>();

    @Option(names = "--deny-cidr", paramLabel = "CIDR",
            description = {"Never let workers check addresses in this range, even inside an --allow-cidr range;",
                    "repeatable (urlcheck.worker.deny-cidrs)."})
    List<String> denyCidrs = new ArrayList<>();

    /** Puts every given option on the builder as the worker's own {@code urlcheck.worker.*} system property. */
    void applyTo(StackConfig.Builder builder) {
        if (concurrency != null) {
            builder.worker("urlcheck.worker.max-in-flight", Integer.toString(positive(concurrency, "--concurrency")));
        }
        if (perHost != null) {
            builder.worker("urlcheck.worker.max-per-host", Integer.toString(positive(perHost, "--per-host")));
        }
        Duration deadline = timeout();
        if (deadline != null) {
            // Whole seconds as they always were written; anything finer in ISO-8601, which Quarkus reads too.
            builder.worker("urlcheck.worker.request-timeout",
                    deadline.toMillis() % 1000 == 0 ? deadline.toSeconds() + "s" : deadline.toString());
        }
        if (retries != null) {
            if (retries < 0) {
                throw new IllegalArgumentException("--retries must be 0 or more, got " + retries);
            }
            builder.worker("urlcheck.worker.max-retries", Integer.toString(retries));
        }
        ranges(builder, "--allow-cidr", allowCidrs, "urlcheck.worker.allow-cidrs");
        ranges(builder, "--deny-cidr", denyCidrs, "urlcheck.worker.deny-cidrs");
    }

    /** {@code --timeout} as given, or null; checked first, as {@link #timeout()} does. */
    String timeoutText() {
        timeout();
        return timeout;
    }

    /**
     * {@code --timeout} as a duration (as {@code submit --timeout} reads it: {@code 250ms}, {@code 5s}, {@code 2m},
     * a bare number of seconds), or null when not given; an {@link IllegalArgumentException} quoting what was typed
     * when it is none, or is not from 1 ms to the contract's longest per-job deadline.
     */
    Duration timeout() {
        if (timeout == null) {
            return null;
        }
        Duration deadline;
        try {
            deadline = DurationText.parse(timeout, "--timeout");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--timeout expects a duration such as 250ms, 5s or 2m, or whole seconds; got '"
                    + timeout + "'", e);
        }
        if (deadline.isZero() || deadline.toMillis() > JobOptions.MAX_TIMEOUT_MS) {
            throw new IllegalArgumentException("--timeout must be from 1ms to "
                    + Duration.ofMillis(JobOptions.MAX_TIMEOUT_MS).toMinutes() + "m; got '" + timeout + "'");
        }
        return deadline;
    }

    private static void ranges(StackConfig.Builder builder, String option, List<String> cidrs, String property) {
        if (cidrs.isEmpty()) {
            return;
        }
        for (String cidr : cidrs) {
            try {
                AddressRange.parse(cidr); // the worker's own rule, so that a range it would refuse is a usage error here
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + " " + cidr + ": " + e.getMessage(), e);
            }
        }
        builder.worker(property, String.join(",", cidrs));
    }

    private static int positive(int value, String option) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, got " + value);
        }
        return value;
    }
}
