package io.urlcheck.worker.http;

import io.urlcheck.worker.address.AddressPolicy;
import io.urlcheck.worker.notify.WebhookAttempt;
import io.urlcheck.worker.support.CapturedLog;
import io.urlcheck.worker.support.HostileServer;
import io.urlcheck.worker.support.WebhookReceiver;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/** One try of the webhook sender against loopback webhooks, with the worker's address policy. */
class WebhookSenderTest {

    private static final byte[] BODY = "{\"text\":\"hello\"}".getBytes(StandardCharsets.UTF_8);

    private static Vertx vertx;
    private static DnsResolver resolver;
    private static WebhookReceiver receiver;
    private static HostileServer garbage;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        resolver = new DnsResolver(vertx);
        receiver = WebhookReceiver.start();
        garbage = HostileServer.raw(vertx, "127.0.0.1",
                socket -> socket.handler(data -> socket.write(Buffer.buffer("SSH-2.0-OpenSSH_9.2\r\n\u0000garbage\r\n\r\n"))));
    }

    @AfterAll
    static void stop() {
        receiver.close();
        garbage.close();
        resolver.close();
        vertx.close();
    }

    @Test
    void theDefaultPolicyRefusesALoopbackWebhookWithoutSendingAnything() throws Exception {
        String path = "/blocked-" + UUID.randomUUID();
        try (VertxWebhookSender sender = sender(AddressPolicy.allowing(List.of()), Duration.ofSeconds(10))) {
            WebhookAttempt attempt = sender.post(receiver.url(path), "e1", BODY).get(30, TimeUnit.SECONDS);

            assertThat(attempt).isEqualTo(new WebhookAttempt.Refused(
                    "127.0.0.1: 127.0.0.1 is in blocked range 127.0.0.0/8 (loopback)"));
        }
        assertThat(receiver.received(path)).isEmpty();
    }

    @Test
    void aStatusIsAnsweredWithTheEventHeadersAndBody() throws Exception {
        String path = "/ok-" + UUID.randomUUID();
        receiver.script(path, 429);
        try (VertxWebhookSender sender = sender(AddressPolicy.allowing(List.of("127.0.0.0/8")), Duration.ofSeconds(10))) {
            WebhookAttempt attempt = sender.post(receiver.url(path), "e1", BODY).get(30, TimeUnit.SECONDS);

            assertThat(attempt).isEqualTo(new WebhookAttempt.Answered(429, null));
        }
        WebhookReceiver.Received post = receiver.received(path).get(0);
        assertThat(post.header("Idempotency-Key")).isEqualTo("e1");
        assertThat(post.header("X-Urlcheck-Event-Id")).isEqualTo("e1");
        assertThat(post.header("Content-Type")).isEqualTo("application/json");
        assertThat(post.body()).isEqualTo("{\"text\":\"hello\"}");
    }

    @Test
    void aWebhookThatNeverAnswersEndsAsFailedAtTheRequestTimeout() throws Exception {
        String path = "/hang-" + UUID.randomUUID();
        receiver.hang(path);
        try (VertxWebhookSender sender = sender(AddressPolicy.allowing(List.of("127.0.0.0/8")), Duration.ofMillis(500))) {
            WebhookAttempt attempt = sender.post(receiver.url(path), "e1", BODY).get(30, TimeUnit.SECONDS);

            assertThat(attempt).isEqualTo(new WebhookAttempt.Failed("no answer within 500 ms"));
        }
    }

    @Test
    void anUnusableUrlIsRefused() throws Exception {
        try (VertxWebhookSender sender = sender(AddressPolicy.allowing(List.of()), Duration.ofSeconds(10))) {
            assertThat(sender.post("ftp://example.com/hook", "e1", BODY).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(WebhookAttempt.Refused.class);
        }
    }

    @Test
    void aWebhookThatAnswersGarbageFailsItsAttemptAndLogsNoError() throws Exception {
        try (VertxWebhookSender sender = sender(AddressPolicy.allowing(List.of("127.0.0.0/8")), Duration.ofSeconds(10));
             CapturedLog log = CapturedLog.of("io.vertx", Level.SEVERE)) {
            WebhookAttempt attempt = sender.post("http://127.0.0.1:" + garbage.port() + "/hook", "e1", BODY).get(30, TimeUnit.SECONDS);

            assertThat(attempt).isInstanceOf(WebhookAttempt.Failed.class);
            assertThat(log.lines()).as("Vert.x's ConnectionBase logs nothing at ERROR").isEmpty();
        }
    }

    private static VertxWebhookSender sender(AddressPolicy policy, Duration requestTimeout) {
        return new VertxWebhookSender(vertx, resolver, policy,
                new VertxWebhookSender.Settings(Duration.ofSeconds(5), requestTimeout, 4, "urlcheck-test"));
    }
}
