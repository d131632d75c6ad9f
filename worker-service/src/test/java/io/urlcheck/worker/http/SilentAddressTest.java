package io.urlcheck.worker.http;

import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobOptions;
import io.urlcheck.contract.Outcome;
import io.urlcheck.testkit.tls.SelfSignedKeyStore;
import io.urlcheck.worker.support.Checkers;
import io.urlcheck.worker.support.HostileServer;
import io.urlcheck.worker.support.Routes;
import io.urlcheck.worker.support.TestDnsServer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job that sets its own deadline and a host with an address that takes the connection and never completes the TLS
 * handshake (a dead server of several behind one name): the hop moves on to the next address after the worker's
 * connect timeout instead of spending the whole deadline there, and the last address still gets what is left of the
 * deadline. Real sockets on loopback: the silent address is 127.0.0.9 on the HTTPS site's port.
 */
class SilentAddressTest {

    /** The checker's connect timeout ({@link Checkers}' default); the jobs' own deadlines are far longer. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    static Path dir;

    private static Vertx vertx;
    private static HostileServer site;
    private static HostileServer silent;
    private static TestDnsServer dns;
    private static final AtomicInteger silentConnections = new AtomicInteger();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        SelfSignedKeyStore keyStore = SelfSignedKeyStore.create(dir);
        site = HostileServer.https(vertx, "127.0.0.1", keyStore.path().toString(), keyStore.password())
                .route("/ok", Routes.body("text/html", "<title>Up</title>".getBytes()));
        silent = HostileServer.raw(vertx, "127.0.0.9", site.port(), socket -> silentConnections.incrementAndGet());
        dns = TestDnsServer.start(vertx)
                .answer("two.test", "127.0.0.9", "127.0.0.1")
                .answer("one.test", "127.0.0.9");
    }

    @AfterAll
    static void stop() {
        dns.close();
        silent.close();
        site.close();
        vertx.close();
    }

    @Test
    void aJobWithItsOwnDeadlineMovesPastAnAddressWhoseHandshakeNeverEnds() {
        int before = silentConnections.get();
        Instant started = Instant.now();

        CheckResult result = check("two.test", Duration.ofSeconds(30));

        assertThat(result.outcome()).as(result.error()).isEqualTo(Outcome.OK);
        assertThat(result.title()).isEqualTo("Up");
        assertThat(silentConnections.get() - before).as("the silent address was tried first").isEqualTo(1);
        assertThat(Duration.between(started, Instant.now()))
                .as("the silent address held the hop for the connect timeout, not the job's 30 s")
                .isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void theLastAddressWaitsForTheJobsWholeDeadlineNotTheConnectTimeout() {
        Duration deadline = CONNECT_TIMEOUT.multipliedBy(2);
        Instant started = Instant.now();

        CheckResult result = check("one.test", deadline);

        assertThat(result.outcome()).as(result.error()).isEqualTo(Outcome.TIMEOUT);
        assertThat(Duration.between(started, Instant.now())).isGreaterThanOrEqualTo(deadline);
    }

    private static CheckResult check(String host, Duration deadline) {
        String url = site.url(host, "/ok");
        JobOptions options = new JobOptions(null, null, null, null, null, null, true, null, null, deadline.toMillis(), 0);
        CheckRequest request = new CheckRequest(CheckRequest.SCHEMA_VERSION, UUID.randomUUID().toString(), "silent-job", url, url,
                host, Instant.now(), options);
        try {
            return Checkers.defaults(vertx).allow(List.of("127.0.0.0/8")).resolver(dns.resolver(vertx)).build()
                    .engine().check(request).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("check of " + url + " did not complete", e);
        }
    }
}
