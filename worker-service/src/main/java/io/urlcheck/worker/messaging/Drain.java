package io.urlcheck.worker.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.urlcheck.worker.HostLimiter;
import io.urlcheck.worker.PendingWork;
import io.urlcheck.worker.config.WorkerConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.concurrent.locks.LockSupport;

/**
 * Graceful shutdown (SIGTERM, Ctrl+C). Runs on the shutdown event, before the Kafka connector is
 * closed: stops starting checks, then waits up to {@code drain-grace} until every started check has
 * finished and its result was acknowledged by Kafka. Then the connector closes and commits what was
 * acknowledged. Requests that never started, or were still running at the grace limit, are not
 * committed, so another worker redoes them.
 */
@ApplicationScoped
public class Drain {

    private static final Logger LOG = Logger.getLogger(Drain.class);

    private final HostLimiter limiter;
    private final PendingWork pendingWork;
    private final WorkerConfig config;

    public Drain(HostLimiter limiter, PendingWork pendingWork, WorkerConfig config) {
        this.limiter = limiter;
        this.pendingWork = pendingWork;
        this.config = config;
    }

    void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
        limiter.stopAdmitting();
        long deadline = System.nanoTime() + config.drainGrace().toNanos();
        LOG.infof("draining: %d checks in flight, %d waiting (not started, left for redelivery)",
                limiter.inFlight(), limiter.queuedToStart());
        while (settling() && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(50_000_000L); // polling a counter on the shutdown thread, not a test sync
        }
        if (settling()) {
            LOG.warnf("drain grace of %s over with %d checks still in flight; they stay uncommitted",
                    config.drainGrace(), limiter.inFlight());
        } else {
            LOG.info("drained: every started check has a published result");
        }
    }

    /**
     * True while a started check has not settled. Requests taken from Kafka and not yet acked are
     * queued for their first slot (never to start now), waiting out a retry backoff (they re-queue), or
     * started: resolving a name, in flight, queued for a redirect hop's slot (still granted), or done
     * with the result on its way to Kafka.
     */
    private boolean settling() {
        return pendingWork.pending() - limiter.queuedToStart() - pendingWork.inBackoff() > 0;
    }
}
