package io.urlcheck.sink.messaging;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.LogIds;
import io.urlcheck.contract.Monitor;
import io.urlcheck.contract.MonitorJobId;
import io.urlcheck.sink.MonitorBatch;
import io.urlcheck.sink.MonitorJudge;
import io.urlcheck.sink.UrlWatch;
import io.urlcheck.sink.store.MonitorStore;
import io.urlcheck.sink.store.StoreRejectedException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the stored results of monitor runs ({@link MonitorJobId}) into events: judges them against each URL's
 * watch ({@link MonitorJudge}), stores watches, events and run counts in one durable write, then publishes the
 * outbox ({@link EventOutbox}). Called with every batch once it is durable and before its offsets may be
 * committed, redeliveries included, so a crash anywhere leaves the work to the redelivery. A result of a monitor
 * the sink does not know (deleted) raises nothing. Results of other jobs pass untouched.
 */
@ApplicationScoped
public class MonitorEvents {

    private static final Logger LOG = Logger.getLogger(MonitorEvents.class);

    private final MonitorStore store;
    private final MonitorTable monitors;
    private final EventOutbox outbox;
    private final DurableWriter writer;
    private final MonitorMetrics metrics;
    private volatile boolean flushedOnce;

    public MonitorEvents(MonitorStore store, MonitorTable monitors, EventOutbox outbox, DurableWriter writer,
                         MonitorMetrics metrics) {
        this.store = store;
        this.monitors = monitors;
        this.outbox = outbox;
        this.writer = writer;
        this.metrics = metrics;
    }

    /** Judges the monitor results among {@code results} (already stored), stores what changed and publishes its events. */
    public void observe(List<CheckResult> results) {
        List<MonitorJudge.Observation> observations = new ArrayList<>();
        boolean monitorRuns = false;
        for (CheckResult r : results) {
            Optional<MonitorJobId.Run> run = MonitorJobId.parse(r.jobId());
            if (run.isEmpty()) {
                continue;
            }
            if (!monitorRuns) {
                monitorRuns = true;
                awaitMonitors();
            }
            Optional<Monitor> monitor = monitors.get(run.get().monitor());
            if (monitor.isPresent()) {
                observations.add(new MonitorJudge.Observation(monitor.get(), run.get().tick(), r));
            } else {
                try (LogIds.Scope ids = LogIds.of(r)) {
                    LOG.debugf("result of %s for monitor %s, which does not exist (deleted?): no event", r.url(), run.get().monitor());
                }
            }
        }
        if (!observations.isEmpty()) {
            judge(observations);
        }
        if (monitorRuns || !flushedOnce) {
            outbox.flush(); // the first batch after a start also publishes what a crash left in the outbox
            flushedOnce = true;
        }
    }

    private void judge(List<MonitorJudge.Observation> observations) {
        Set<UrlWatch.Key> keys = new LinkedHashSet<>();
        observations.forEach(o -> keys.add(o.key()));
        try {
            MonitorBatch batch = writer.untilDurable("the monitors' state of " + observations.size() + " results",
                    () -> store.advance(keys, stored -> MonitorJudge.judgeAll(observations, stored)));
            metrics.raised(batch.events());
        } catch (StoreRejectedException e) {
            // The results themselves are stored; only their events are lost, and the next run judges the URLs again.
            LOG.errorf("the store refused the monitors' state of %d results for good; no events for them: %s",
                    observations.size(), e.getMessage());
        }
    }

    /**
     * Holds the batch until the table has read every monitor the topic held at start: judging before would take a
     * known monitor for a deleted one and lose its events.
     */
    private void awaitMonitors() {
        if (!monitors.isCaughtUp()) {
            writer.untilSent("results of monitor runs (waiting for urlcheck.monitors to be read)", () -> {
                if (!monitors.isCaughtUp()) {
                    throw new IllegalStateException("the table of urlcheck.monitors is not caught up yet");
                }
            });
        }
    }
}
