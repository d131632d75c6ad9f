package io.urlcheck.worker.config;

import io.smallrye.common.annotation.Identifier;
import io.urlcheck.contract.Monitor;
import io.urlcheck.contract.Topics;
import io.urlcheck.contract.kafka.CompactedTable;
import io.urlcheck.contract.kafka.MonitorDeserializer;
import io.urlcheck.worker.CheckEngine;
import io.urlcheck.worker.HostLimiter;
import io.urlcheck.worker.PendingWork;
import io.urlcheck.worker.RetryPolicy;
import io.urlcheck.worker.UserAgent;
import io.urlcheck.worker.address.AddressPolicy;
import io.urlcheck.worker.http.DnsResolver;
import io.urlcheck.worker.http.VertxHttpPort;
import io.urlcheck.worker.http.VertxScheduler;
import io.urlcheck.worker.http.VertxWebhookSender;
import io.urlcheck.worker.metrics.WorkerMetrics;
import io.urlcheck.worker.notify.DeliveryRules;
import io.urlcheck.worker.notify.Notifier;
import io.urlcheck.worker.notify.RecentDeliveries;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Wires the pure domain (limiter, policies, engine) to the Vert.x edge from {@link WorkerConfig}. */
@ApplicationScoped
public class WorkerBeans {

    @Produces
    @Singleton
    HostLimiter limiter(WorkerConfig config, Vertx vertx) {
        return new HostLimiter(config.maxInFlight(), config.maxPerHost(), config.perAddressLimit(),
                config.minHostInterval().toNanos(), System::nanoTime, new VertxScheduler(vertx));
    }

    @Produces
    @Singleton
    PendingWork pendingWork() {
        return new PendingWork();
    }

    @Produces
    @Singleton
    AddressPolicy addressPolicy(WorkerConfig config) {
        return AddressPolicy.of(config.allowCidrs().orElse(List.of()), config.denyCidrs().orElse(List.of()));
    }

    @Produces
    @Singleton
    VertxHttpPort httpPort(WorkerConfig config, Vertx vertx) {
        return new VertxHttpPort(vertx, httpSettings(config), null);
    }

    /** The exchange limits of every check's HTTP client, the warm-up's included. */
    static VertxHttpPort.Settings httpSettings(WorkerConfig config) {
        return new VertxHttpPort.Settings(config.connectTimeout(), config.headerTimeout(), config.maxBodyBytes(),
                config.maxPerHost());
    }

    void closeHttpPort(@Disposes VertxHttpPort port) {
        port.close();
    }

    @Produces
    @Singleton
    DnsResolver nameResolver(Vertx vertx) {
        return new DnsResolver(vertx);
    }

    void closeNameResolver(@Disposes DnsResolver resolver) {
        resolver.close();
    }

    @Produces
    @Singleton
    CheckEngine engine(WorkerConfig config, Vertx vertx, VertxHttpPort http, DnsResolver resolver, HostLimiter limiter,
                       AddressPolicy policy, WorkerMetrics metrics, PendingWork pendingWork) {
        RetryPolicy retry = new RetryPolicy(config.maxRetries(), config.retryBackoffBase(), config.retryBackoffMax(),
                config.retryAfterCap(), () -> ThreadLocalRandom.current().nextDouble());
        return new CheckEngine(http, resolver, limiter, policy, retry, new VertxScheduler(vertx), System::nanoTime,
                Clock.systemUTC(), engineSettings(config, workerId(config)), CheckEngine.Listener.both(metrics, pendingWork));
    }

    /** The engine's limits for a job that sets none, every engine's (the warm-up's included). */
    static CheckEngine.Settings engineSettings(WorkerConfig config, String workerId) {
        return new CheckEngine.Settings(config.maxRedirects(), config.requestTimeout(), workerId);
    }

    /**
     * Every monitor's latest definition, for the webhook notifier: read with the service's own Kafka settings
     * ({@code kafka.*}, security included), as every other client of this worker.
     */
    @Produces
    @Singleton
    CompactedTable<Monitor> monitors(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        return new CompactedTable<>(Topics.MONITORS, kafka, new MonitorDeserializer()).start();
    }

    void closeMonitors(@Disposes CompactedTable<Monitor> monitors) {
        monitors.close();
    }

    @Produces
    @Singleton
    VertxWebhookSender webhookSender(WorkerConfig config, Vertx vertx, DnsResolver resolver, AddressPolicy policy) {
        WorkerConfig.Webhook webhook = config.webhook();
        return new VertxWebhookSender(vertx, resolver, policy, new VertxWebhookSender.Settings(webhook.connectTimeout(),
                webhook.requestTimeout(), webhook.maxPerHost(), UserAgent.DEFAULT));
    }

    void closeWebhookSender(@Disposes VertxWebhookSender sender) {
        sender.close();
    }

    @Produces
    @Singleton
    Notifier notifier(WorkerConfig config, Vertx vertx, VertxWebhookSender sender, WorkerMetrics metrics) {
        WorkerConfig.Webhook webhook = config.webhook();
        DeliveryRules rules = new DeliveryRules(webhook.retryBackoffBase(), webhook.retryBackoffMax(), webhook.retryBudget());
        RecentDeliveries recent = new RecentDeliveries(webhook.dedupCapacity(), webhook.dedupWindow(), System::nanoTime);
        return new Notifier(sender, rules, recent, new VertxScheduler(vertx), System::nanoTime, metrics);
    }

    /** {@code urlcheck.worker.id}, else the host name. */
    static String workerId(WorkerConfig config) {
        return config.id().filter(s -> !s.isBlank()).orElseGet(() -> {
            String env = System.getenv("HOSTNAME");
            if (env != null && !env.isBlank()) {
                return env;
            }
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "worker";
            }
        });
    }
}
