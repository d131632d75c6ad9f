package io.urlcheck.worker.config;

import io.quarkus.runtime.StartupEvent;
import io.urlcheck.worker.CheckEngine;
import io.urlcheck.worker.HostLimiter;
import io.urlcheck.worker.RetryPolicy;
import io.urlcheck.worker.WarmUp;
import io.urlcheck.worker.address.AddressPolicy;
import io.urlcheck.worker.http.DnsResolver;
import io.urlcheck.worker.http.VertxHttpPort;
import io.urlcheck.worker.http.VertxScheduler;
import io.urlcheck.worker.http.WarmUpTarget;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Runs the {@link WarmUp} as the worker starts, before the messaging channels do (their observer runs at
 * {@code LIBRARY_BEFORE}), so the worker joins the consumer group only once its check path is warm. The
 * warm-up gets an engine of its own: the same code and limits, but a limiter, a connection pool and an
 * address policy (127.0.0.1 only, whatever {@code allow-cidrs} says) that the real checks never see, and no
 * metrics listener. A warm-up that fails or runs out of time is logged, and the worker starts as it is.
 */
@ApplicationScoped
class WarmUpOnStart {

    private static final Logger LOG = Logger.getLogger(WarmUpOnStart.class);
    private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(2);

    void warmUp(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE - 100) StartupEvent event, WorkerConfig config,
                Vertx vertx, DnsResolver resolver) {
        WorkerConfig.WarmUpSettings settings = config.warmUp();
        if (settings.checks() < 1) {
            LOG.info("warm-up off (urlcheck.worker.warm-up.checks=0): the first records meet cold code");
            return;
        }
        int inFlight = Math.min(config.maxInFlight(), 4 * config.maxPerHost());
        try (WarmUpTarget target = WarmUpTarget.start(vertx, LISTEN_TIMEOUT);
             VertxHttpPort http = new VertxHttpPort(vertx, WorkerBeans.httpSettings(config), null)) {
            WarmUp.Report report = new WarmUp(engine(config, vertx, resolver, http), System::nanoTime)
                    .run(target.urls(), settings.checks(), inFlight, settings.timeout());
            LOG.infof("warm-up: %d of %d checks done in %d ms, %d at a time, before joining the group (%s)",
                    report.finished(), settings.checks(), report.took().toMillis(), inFlight, report.outcomes());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("warm-up interrupted; starting without it");
        } catch (Exception e) {
            LOG.warnf("warm-up failed (%s); starting without it", e.toString());
        }
    }

    private static CheckEngine engine(WorkerConfig config, Vertx vertx, DnsResolver resolver, VertxHttpPort http) {
        VertxScheduler scheduler = new VertxScheduler(vertx);
        // No min-host-interval: every warm-up check goes to one host, and spacing them would only spend the timeout.
        HostLimiter limiter = new HostLimiter(config.maxInFlight(), config.maxPerHost(), config.perAddressLimit(),
                0, System::nanoTime, scheduler);
        RetryPolicy noRetries = new RetryPolicy(0, config.retryBackoffBase(), config.retryBackoffMax(),
                config.retryAfterCap(), () -> 0.5);
        return new CheckEngine(http, resolver, limiter, AddressPolicy.allowing(List.of("127.0.0.1/32")), noRetries,
                scheduler, System::nanoTime, Clock.systemUTC(),
                WorkerBeans.engineSettings(config, "warm-up"),
                new CheckEngine.Listener() { });
    }
}
