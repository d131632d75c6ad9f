package io.urlcheck.worker.http;

import io.urlcheck.worker.NameResolver;
import io.urlcheck.worker.RetryAfter;
import io.urlcheck.worker.TargetUrl;
import io.urlcheck.worker.address.AddressPolicy;
import io.urlcheck.worker.address.IpLiteral;
import io.urlcheck.worker.notify.WebhookAttempt;
import io.urlcheck.worker.notify.WebhookSender;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * POSTs monitor events to webhooks on an HTTP client of its own, apart from the checks' client: its own
 * connection pool ({@code max-per-host} connections a webhook host), so a webhook that hangs holds only its own
 * connections, never a check's. The target is vetted like a check's: every address of its host must pass the
 * worker's {@link AddressPolicy}, and the request goes to the vetted address (Host header and SNI stay the
 * webhook's host), so a name cannot be re-pointed between the check and the connect. Each try ends within
 * {@code requestTimeout} (lookup, connect, send and the response's status line); the body is read and dropped
 * within the same deadline.
 */
public final class VertxWebhookSender implements WebhookSender, AutoCloseable {

    /** The header naming the event, for receivers that log it. */
    public static final String EVENT_ID_HEADER = "X-Urlcheck-Event-Id";
    /** The header receivers deduplicate by (the event id too): a redelivered event carries the same key. */
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    /** The limits of a try, from {@code WorkerConfig.Webhook}. */
    public record Settings(Duration connectTimeout, Duration requestTimeout, int maxPerHost, String userAgent) {
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final NameResolver resolver;
    private final AddressPolicy policy;
    private final Settings settings;

    public VertxWebhookSender(Vertx vertx, NameResolver resolver, AddressPolicy policy, Settings settings) {
        this.vertx = vertx;
        this.resolver = resolver;
        this.policy = policy;
        this.settings = settings;
        // With the checks' connection handler: a webhook that answers garbage or resets is its attempt's failure, not an ERROR log line.
        this.client = VertxHttpPort.client(vertx, new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()))
                .setMaxPoolSize(Math.max(1, settings.maxPerHost()))
                .setKeepAlive(true)
                .setKeepAliveTimeout(10)
                .setVerifyHost(true)
                .setTrustAll(false)
                .setForceSni(true));
    }

    @Override
    public CompletableFuture<WebhookAttempt> post(String webhook, String eventId, byte[] body) {
        TargetUrl url;
        try {
            url = TargetUrl.parse(webhook);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new WebhookAttempt.Refused("unusable URL: " + e.getMessage()));
        }
        long deadline = System.nanoTime() + settings.requestTimeout().toNanos();
        CompletableFuture<WebhookAttempt> result = new CompletableFuture<>();
        long timer = vertx.setTimer(Math.max(1, settings.requestTimeout().toMillis()), id -> result.complete(
                new WebhookAttempt.Failed("no answer within " + settings.requestTimeout().toMillis() + " ms")));
        result.whenComplete((r, e) -> vertx.cancelTimer(timer));
        addresses(url, deadline).whenComplete((resolution, error) -> {
            if (error != null) {
                result.complete(new WebhookAttempt.Failed("lookup of " + url.host() + " failed: " + error));
            } else if (resolution.failure() != null) {
                result.complete(new WebhookAttempt.Failed(resolution.failure().reason()));
            } else {
                Optional<String> refusal = policy.firstRefusal(resolution.addresses());
                if (refusal.isPresent()) {
                    result.complete(new WebhookAttempt.Refused(url.host() + ": " + refusal.get()));
                } else {
                    send(url, IpLiteral.canonical(resolution.addresses().get(0)), eventId, body, deadline, result);
                }
            }
        });
        return result;
    }

    private CompletableFuture<NameResolver.Resolution> addresses(TargetUrl url, long deadline) {
        Optional<InetAddress> literal = IpLiteral.parse(url.host());
        return literal.isPresent() ? CompletableFuture.completedFuture(NameResolver.Resolution.of(List.of(literal.get())))
                : resolver.resolve(url.host(), deadline);
    }

    private void send(TargetUrl url, InetAddress address, String eventId, byte[] body, long deadline,
                      CompletableFuture<WebhookAttempt> result) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(url.port(), address.getHostAddress()))
                .setHost(url.host())
                .setPort(url.port())
                .setSsl(url.https())
                .setURI(url.requestTarget())
                .putHeader(HttpHeaders.HOST, url.hostHeader())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.USER_AGENT, settings.userAgent())
                .putHeader(EVENT_ID_HEADER, eventId)
                .putHeader(IDEMPOTENCY_KEY_HEADER, eventId);
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        result.whenComplete((r, e) -> {
            HttpClientRequest request = sent.get();
            if (r instanceof WebhookAttempt.Failed && request != null) {
                request.reset(); // timed out: close the connection rather than pool a stuck one
            }
        });
        client.request(options).onComplete(ar -> {
            if (ar.failed()) {
                result.complete(new WebhookAttempt.Failed(FailureMapper.map(ar.cause()).reason()));
                return;
            }
            HttpClientRequest request = ar.result();
            sent.set(request);
            if (result.isDone()) {
                request.reset();
                return;
            }
            request.send(Buffer.buffer(body)).onComplete(answer -> {
                if (answer.failed()) {
                    result.complete(new WebhookAttempt.Failed(FailureMapper.map(answer.cause()).reason()));
                } else {
                    result.complete(answered(request, answer.result(), deadline));
                }
            });
        });
    }

    /**
     * The answer is its status line; the body is read and dropped so the connection can be reused, but only
     * until the try's deadline: a body that never ends then closes the connection instead of holding it.
     */
    private WebhookAttempt answered(HttpClientRequest request, HttpClientResponse response, long deadline) {
        long remainingMs = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        long cutOff = vertx.setTimer(remainingMs, id -> request.reset());
        response.handler(chunk -> { });
        response.endHandler(v -> vertx.cancelTimer(cutOff));
        response.exceptionHandler(e -> vertx.cancelTimer(cutOff));
        Duration retryAfter = RetryAfter.parse(response.getHeader(HttpHeaders.RETRY_AFTER), Instant.now()).orElse(null);
        return new WebhookAttempt.Answered(response.statusCode(), retryAfter);
    }

    @Override
    public void close() {
        client.close();
    }
}
