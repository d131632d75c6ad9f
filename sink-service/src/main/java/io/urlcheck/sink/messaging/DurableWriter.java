package io.urlcheck.sink.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.urlcheck.sink.config.SinkConfig;
import io.urlcheck.sink.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Runs a store write until it is durable. While the store is unavailable it waits with a doubling
 * backoff and tries again, for as long as it takes: the consumer thread is held, so no further batch
 * is processed and no offset is committed, and nothing is skipped. Only a shutdown ends the wait,
 * with an exception, so that the batch is not acknowledged and is redelivered after the restart.
 */
@ApplicationScoped
public class DurableWriter {

    private static final Logger LOG = Logger.getLogger(DurableWriter.class);

    private final StoreHealth health;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Object wakeUp = new Object();
    private volatile boolean stopping;

    public DurableWriter(StoreHealth health, SinkConfig config) {
        this.health = health;
        this.initialBackoff = config.retry().initialBackoff();
        this.maxBackoff = config.retry().maxBackoff();
    }

    /** Runs {@code write} until it succeeds; {@code what} names the batch in log lines. */
    public <T> T untilDurable(String what, java.util.function.Supplier<T> write) {
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
                health.failed(e.getMessage());
                LOG.warnf("store unavailable writing %s (attempt %d, next in %d ms): %s", what, attempt,
                        backoff.toMillis(), e.getMessage());
            }
            pause(backoff, what);
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            attempt++;
        }
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
