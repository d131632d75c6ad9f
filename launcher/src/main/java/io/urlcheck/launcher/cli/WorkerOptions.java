package io.urlcheck.launcher.cli;

import io.urlcheck.launcher.stack.StackConfig;
import picocli.CommandLine.Option;

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

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Whole-request deadline per check (urlcheck.worker.request-timeout; default 10).")
    Integer timeoutSeconds;

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
        if (timeoutSeconds != null) {
            builder.worker("urlcheck.worker.request-timeout", positive(timeoutSeconds, "--timeout") + "s");
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

    private static void ranges(StackConfig.Builder builder, String option, List<String> cidrs, String property) {
        if (cidrs.isEmpty()) {
            return;
        }
        for (String cidr : cidrs) {
            AddressRange.check(option, cidr);
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
