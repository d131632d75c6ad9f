package io.urlcheck.producer.monitor;

import io.urlcheck.contract.Monitor;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fires the due ticks of the monitors this replica owns ({@link Ticks#due}). For each due tick it first
 * records the tick ({@link TickLog#record}, durable) and only then submits the run, so a replica that takes
 * the monitor over later sees the tick and never fires it again. A run whose submission failed is retried
 * on the next round while no later tick replaced it. Not thread-safe: one scheduling thread calls it.
 */
public final class MonitorScheduler {

    private static final Logger LOG = Logger.getLogger(MonitorScheduler.class);

    private final TickLog ticks;
    private final MonitorRuns runs;
    /** Ticks this replica recorded, which its view of the tick log may not show yet. */
    private final Map<String, Instant> fired = new HashMap<>();
    /** Ticks recorded whose run could not be submitted yet. */
    private final Map<String, Instant> unsubmitted = new HashMap<>();

    public MonitorScheduler(TickLog ticks, MonitorRuns runs) {
        this.ticks = ticks;
        this.runs = runs;
    }

    /**
     * One round: fires every due tick of {@code owned}, and forgets what it remembered of monitors no longer
     * owned (taken over, or deleted, so a monitor created again under the name fires at once).
     *
     * @return how many runs were submitted
     */
    public int fireDue(Collection<Monitor> owned, Instant now) {
        Set<String> names = owned.stream().map(Monitor::name).collect(Collectors.toSet());
        fired.keySet().retainAll(names);
        unsubmitted.keySet().retainAll(names);
        int submitted = 0;
        for (Monitor monitor : owned) {
            Instant due = Ticks.due(monitor.schedule(), lastFired(monitor.name()), now);
            if (due != null && record(monitor.name(), due)) {
                unsubmitted.put(monitor.name(), due);
            }
            Instant pending = unsubmitted.get(monitor.name());
            if (pending != null && submit(monitor, pending)) {
                unsubmitted.remove(monitor.name());
                submitted++;
            }
        }
        return submitted;
    }

    /** The last tick fired, by this replica or any earlier owner. */
    private Instant lastFired(String monitor) {
        Instant logged = ticks.lastTick(monitor);
        Instant mine = fired.get(monitor);
        return logged == null || mine != null && mine.isAfter(logged) ? mine : logged;
    }

    private boolean record(String monitor, Instant tick) {
        try {
            ticks.record(monitor, tick);
            fired.put(monitor, tick);
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("monitor %s: could not record tick %s, so it is not fired yet (next round retries): %s",
                    monitor, tick, e.getMessage());
            return false;
        }
    }

    private boolean submit(Monitor monitor, Instant tick) {
        try {
            runs.submit(monitor, tick);
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("monitor %s: the run of tick %s was not submitted (next round retries): %s",
                    monitor.name(), tick, e.getMessage());
            return false;
        }
    }
}
