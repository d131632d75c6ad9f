package io.urlcheck.launcher.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Notices a followed job that gets no new result for {@link #STALL} and asks the sink why; a reason (its store
 * refusing writes, e.g. full) is warned once for each distinct reason, since the results then wait in Kafka
 * and the wait would otherwise look like a hang.
 */
final class StallWatch {

    /** How long a job may go without a new result before the sink is asked why. */
    static final Duration STALL = Duration.ofSeconds(5);

    private final Supplier<Optional<String>> reason;
    private final Consumer<String> warnings;
    private final LongSupplier nanoTime;
    private long lastChecked = -1;
    private long progressedAt;
    private String warned;

    /** Asks {@code reason} after each stall and says a new one on {@code warnings}; time from {@code nanoTime}. */
    StallWatch(Supplier<Optional<String>> reason, Consumer<String> warnings, LongSupplier nanoTime) {
        this.reason = reason;
        this.warnings = warnings;
        this.nanoTime = nanoTime;
        this.progressedAt = nanoTime.getAsLong();
    }

    /** The job's latest count of checked URLs: a new one restarts the stall. */
    void seen(long checked) {
        if (checked != lastChecked) {
            lastChecked = checked;
            progressedAt = nanoTime.getAsLong();
        }
    }

    /** Called on every poll: after a stall, asks the sink why (and again one stall later). */
    void poll() {
        if (nanoTime.getAsLong() - progressedAt < STALL.toNanos()) {
            return;
        }
        progressedAt = nanoTime.getAsLong();
        String failure = reason.get().orElse(null);
        if (failure != null && !failure.equals(warned)) {
            warnings.accept("urlcheck: the sink is not storing results: " + failure);
            warned = failure;
        }
    }
}
