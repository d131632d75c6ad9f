package io.urlcheck.sink.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.urlcheck.sink.config.SinkConfig;
import io.urlcheck.sink.store.StoreRejectedException;
import io.urlcheck.sink.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs a store write until it is durable. While the store is unavailable it waits with a doubling
 * backoff and tries again, for as long as it takes: the consumer thread is held, so no further batch
 * is processed and no offset is committed, and nothing is skipped. Only a shutdown ends the wait,
 * with an exception, so that the batch is not acknowledged and is redelivered after the restart.
 * A write the store refuses for good ({@link StoreRejectedException}) is not retried: it is thrown to
 * the caller, which sets the record at fault aside. Dead letters are sent the same way, held and
 * retried until Kafka has them.
 */
@ApplicationScoped
public class DurableWriter {

    private static final Logger LOG = Logger.getLogger(DurableWriter.class);

    private final StoreHealth health;
    private final SinkMetrics metrics;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Object wakeUp = new Object();
    private volatile boolean stopping;

    public DurableWriter(StoreHealth health, SinkConfig config, SinkMetrics metrics) {
        this.health = health;
        this.metrics = metrics;
        this.initialBackoff = config.retry().initialBackoff();
        this.maxBackoff = config.retry().maxBackoff();
    }

    /** Runs {@code write} until it succeeds; {@code what} names the batch in log lines. */
    public <T> T untilDurable(String what, Supplier<T> write) {
        Duration backoff = initialBackoff;
        int attempt = 1;
        while (true) {
            try {
                T result = write.get();
                if (health.failure() != null) {
                    LOG.infof("store is back after %d attempts; wrote %s", attempt, what);
                    health.recovered();
                }
                return result;
            } catch (StoreUnavailableException e) {
                metrics.storeError(SinkMetrics.ErrorKind.TRANSIENT);
                health.failed(e.getMessage());
                LOG.warnf("store unavailable writing %s (attempt %d, next in %d ms): %s", what, attempt,
                        backoff.toMillis(), e.getMessage());
            } catch (StoreRejectedException e) {
                metrics.storeError(SinkMetrics.ErrorKind.DATA);
                if (health.failure() != null) {
                    health.recovered(); // it answered: up, refusing this data
                }
                throw e;
            }
            pause(backoff, what);
            backoff = next(backoff);
            attempt++;
        }
    }

    /**
     * Runs {@code send} (a dead letter to Kafka, awaited) until it succeeds, with the same backoff: a
     * record set aside must be safely elsewhere before its offset may be committed.
     */
    public void untilSent(String what, Runnable send) {
        Duration backoff = initialBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                send.run();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("could not send %s (attempt %d, next in %d ms): %s", what, attempt, backoff.toMillis(), e.toString());
            }
            pause(backoff, what);
            backoff = next(backoff);
        }
    }

    private Duration next(Duration backoff) {
        return backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
    }

    private void pause(Duration backoff, String what) {
        synchronized (wakeUp) {
            if (!stopping) {
                try {
                    wakeUp.wait(backoff.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopping = true;
                }
            }
        }
        if (stopping) {
            throw new IllegalStateException("shutting down while the store is unavailable; " + what
                    + " stays unacknowledged and will be redelivered");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        synchronized (wakeUp) {
            stopping = true;
            wakeUp.notifyAll();
        }
    }
}
