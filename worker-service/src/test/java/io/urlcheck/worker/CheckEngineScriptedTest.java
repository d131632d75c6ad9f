package io.urlcheck.worker;

import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.Redirect;
import io.urlcheck.worker.address.AddressPolicy;
import io.urlcheck.worker.support.Checkers;
import io.urlcheck.worker.support.FakeTime;
import io.urlcheck.worker.support.ScriptedHttpPort;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check engine's redirect, retry and deadline rules over a scripted {@link HttpPort} and a fake clock: no
 * socket and no waiting. The same rules are proven over real sockets by the tests under {@code http/}.
 */
class CheckEngineScriptedTest {

    private static final String ROOT = "http://127.0.0.1:8000/";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final FakeTime time = new FakeTime();
    private final ScriptedHttpPort http = new ScriptedHttpPort(time);
    private final List<Duration> backoffs = new ArrayList<>();
    private NameResolver resolver = (host, deadline) -> CompletableFuture.completedFuture(
            NameResolver.Resolution.of(List.of(InetAddress.getLoopbackAddress())));

    private CheckEngine engine(int maxRetries, int maxRedirects) {
        return engine(maxRetries, maxRedirects, 4);
    }

    private CheckEngine engine(int maxRetries, int maxRedirects, int maxPerHost) {
        HostLimiter limiter = new HostLimiter(16, maxPerHost, 4, 0, time::nanoTime, time);
        RetryPolicy retry = new RetryPolicy(maxRetries, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(30),
                () -> 1.0);
        CheckEngine.Listener listener = new CheckEngine.Listener() {
            @Override
            public void retrying(CheckRequest request, int attempt, Outcome outcome, Duration delay) {
                backoffs.add(delay);
            }
        };
        return new CheckEngine(http, resolver, limiter, AddressPolicy.allowing(List.of("127.0.0.0/8")), retry, time,
                time::nanoTime, time.clock(), new CheckEngine.Settings(maxRedirects, TIMEOUT, "scripted"), listener);
    }

    /** Every name resolves to {@code addresses}, in this order. */
    private void resolvesTo(InetAddress... addresses) {
        List<InetAddress> all = List.of(addresses);
        resolver = (host, deadline) -> CompletableFuture.completedFuture(NameResolver.Resolution.of(all));
    }

    private CompletableFuture<CheckResult> check(CheckEngine engine, String url) {
        return engine.check(Checkers.request(url));
    }

    @Test
    void redirectChainIsFollowedHopByHopAndRecorded() {
        http.answer(ROOT + "a", 301, "location", "/b")
                .answer(ROOT + "b", 302, "location", "http://127.0.0.2:8000/c")
                .page("http://127.0.0.2:8000/c", "Arrived");

        CheckResult result = check(engine(0, 5), ROOT + "a").join();

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.finalUrl()).isEqualTo("http://127.0.0.2:8000/c");
        assertThat(result.title()).isEqualTo("Arrived");
        assertThat(result.redirects()).containsExactly(new Redirect(ROOT + "a", 301), new Redirect(ROOT + "b", 302));
        assertThat(http.requested()).containsExactly(ROOT + "a", ROOT + "b", "http://127.0.0.2:8000/c");
    }

    @Test
    void aRedirectToAnInternationalNameGoesToItsUts46FormAndEndsThereAsTheFinalUrl() {
        http.answer(ROOT + "a", 302, "location", "http://FAß.de:8000/./x/../y?q=a b#top")
                .page("http://xn--fa-hia.de:8000/y?q=a%20b", "Fass");

        CheckResult result = check(engine(0, 5), ROOT + "a").join();

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.finalUrl()).isEqualTo("http://xn--fa-hia.de:8000/y?q=a%20b");
        assertThat(http.requested()).containsExactly(ROOT + "a", "http://xn--fa-hia.de:8000/y?q=a%20b");
    }

    @Test
    void aResultForAnInternationalNameCarriesItsReadableForm() {
        http.page("http://xn--fa-hia.de:8000/", "Fass");

        CheckResult result = check(engine(0, 5), "http://xn--fa-hia.de:8000/").join();

        assertThat(result.url()).isEqualTo("http://xn--fa-hia.de:8000/");
        assertThat(result.displayHost()).isEqualTo("faß.de");
    }

    @Test
    void aLocationWithAnInvalidInternationalNameIsNotFollowedAndSaysWhy() {
        http.answer(ROOT + "a", 302, "location", "http://xn--a.de/");

        CheckResult result = check(engine(0, 5), ROOT + "a").join();

        assertThat(result.statusCode()).isEqualTo(302);
        assertThat(result.outcome()).isEqualTo(Outcome.HTTP_ERROR);
        assertThat(result.error()).contains("unusable Location").contains("invalid international host name");
        assertThat(http.requested()).containsExactly(ROOT + "a");
    }

    @Test
    void aRedirectBackToAVisitedUrlIsALoop() {
        http.answer(ROOT + "a", 302, "location", "/b").answer(ROOT + "b", 302, "location", "/a");

        CheckResult result = check(engine(0, 10), ROOT + "a").join();

        assertThat(result.outcome()).isEqualTo(Outcome.TOO_MANY_REDIRECTS);
        assertThat(result.error()).contains("loop");
        assertThat(result.statusCode()).isEqualTo(302);
        assertThat(http.requested()).hasSize(2);
    }

    @Test
    void moreRedirectsThanAllowedStopWithoutTheNextRequest() {
        for (int i = 0; i < 5; i++) {
            http.answer(ROOT + i, 301, "location", "/" + (i + 1));
        }

        CheckResult result = check(engine(0, 3), ROOT + "0").join();

        assertThat(result.outcome()).isEqualTo(Outcome.TOO_MANY_REDIRECTS);
        assertThat(result.error()).isEqualTo("more than 3 redirects");
        assertThat(http.requested()).containsExactly(ROOT + "0", ROOT + "1", ROOT + "2", ROOT + "3");
    }

    @Test
    void aTransientFailureIsRetriedOnlyAfterItsBackoff() {
        http.answer(ROOT, 503).page(ROOT, "Back");

        CompletableFuture<CheckResult> result = check(engine(2, 5), ROOT);

        assertThat(backoffs).containsExactly(Duration.ofSeconds(1));
        time.advance(Duration.ofMillis(999));
        assertThat(result).isNotDone();
        assertThat(http.requested()).hasSize(1);

        time.advance(Duration.ofMillis(1));
        assertThat(result).isCompleted();
        assertThat(result.join().outcome()).isEqualTo(Outcome.OK);
        assertThat(result.join().attempts()).isEqualTo(2);
        assertThat(http.requested()).hasSize(2);
    }

    @Test
    void backoffGrowsExponentiallyUntilRetriesRunOut() {
        http.fail(ROOT, Outcome.CONNECTION_REFUSED, "refused");

        CompletableFuture<CheckResult> result = check(engine(3, 5), ROOT);
        time.advance(Duration.ofMinutes(1));

        assertThat(backoffs).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(result.join().outcome()).isEqualTo(Outcome.CONNECTION_REFUSED);
        assertThat(result.join().attempts()).isEqualTo(4);
    }

    @Test
    void retryAfterIsHonouredInsteadOfTheBackoff() {
        http.answer(ROOT, 429, "retry-after", "7").page(ROOT, "Later");

        CompletableFuture<CheckResult> result = check(engine(1, 5), ROOT);

        assertThat(backoffs).containsExactly(Duration.ofSeconds(7));
        time.advance(Duration.ofSeconds(6));
        assertThat(result).isNotDone();
        time.advance(Duration.ofSeconds(1));
        assertThat(result.join().outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void aPermanentFailureIsNotRetried() {
        http.answer(ROOT, 404);

        CheckResult result = check(engine(3, 5), ROOT).join();

        assertThat(result.outcome()).isEqualTo(Outcome.HTTP_ERROR);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(backoffs).isEmpty();
    }

    @Test
    void everyHopGetsTheAttemptsOneDeadline() {
        http.slowAnswer(ROOT + "a", Duration.ofSeconds(4).toNanos(), 302, "location", "/b").page(ROOT + "b", "B");

        CheckResult result = check(engine(0, 5), ROOT + "a").join();

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        List<ScriptedHttpPort.Call> calls = http.calls();
        assertThat(calls.get(1).deadlineNanos()).isEqualTo(calls.get(0).deadlineNanos());
        assertThat(calls.get(0).deadlineNanos() - calls.get(0).atNanos()).isEqualTo(TIMEOUT.toNanos());
        assertThat(result.responseTimeMs()).isEqualTo(4000);
    }

    @Test
    void aRedirectAfterTheDeadlineIsNotFollowed() {
        http.slowAnswer(ROOT + "a", TIMEOUT.toNanos() + 1, 302, "location", "/b");

        CheckResult result = check(engine(0, 5), ROOT + "a").join();

        assertThat(result.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(result.error()).contains("deadline of 10000 ms passed");
        assertThat(http.requested()).containsExactly(ROOT + "a");
    }

    @Test
    void aLookupThatNeverAnswersEndsAsATimeoutAtTheDeadline() {
        resolver = (host, deadline) -> new CompletableFuture<>();

        CompletableFuture<CheckResult> result = check(engine(0, 5), "http://never.example/");
        time.advance(TIMEOUT.minusNanos(1));
        assertThat(result).isNotDone();
        time.advance(Duration.ofNanos(1));

        assertThat(result.join().outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(result.join().error()).contains("DNS lookup of never.example timed out");
        assertThat(http.requested()).isEmpty();
    }

    @Test
    void aNameThatResolvesToABlockedAddressIsNeverRequested() throws Exception {
        InetAddress metadata = InetAddress.getByName("169.254.169.254");
        resolver = (host, deadline) -> CompletableFuture.completedFuture(NameResolver.Resolution.of(List.of(metadata)));

        CheckResult result = check(engine(0, 5), "http://metadata.example/").join();

        assertThat(result.outcome()).isEqualTo(Outcome.BLOCKED);
        assertThat(http.requested()).isEmpty();
    }

    @Test
    void aPortThatThrowsInsteadOfFailingGivesTheHostSlotBackAndEndsTheCheck() {
        HostLimiter limiter = new HostLimiter(16, 1, 1, 0, time::nanoTime, time);
        int[] calls = {0};
        HttpPort throwing = (url, address, hop, deadline) -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("trust store unreadable");
            }
            return CompletableFuture.completedFuture(new HopResult.Response(204, Map.of(), new byte[0], 0, false,
                    null, 0, null, null));
        };
        CheckEngine engine = new CheckEngine(throwing, resolver, limiter, AddressPolicy.allowing(List.of("127.0.0.0/8")),
                new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(30), () -> 1.0), time,
                time::nanoTime, time.clock(), new CheckEngine.Settings(5, TIMEOUT, "scripted"), new CheckEngine.Listener() { });

        CompletableFuture<CheckResult> failed = check(engine, ROOT + "a");
        CompletableFuture<CheckResult> next = check(engine, ROOT + "b");

        assertThat(failed).isCompleted();
        assertThat(failed.join().outcome()).isEqualTo(Outcome.CONNECTION_ERROR);
        assertThat(failed.join().error()).contains("trust store unreadable");
        assertThat(next).as("the host's only slot was given back").isCompleted();
        assertThat(next.join().statusCode()).isEqualTo(204);
        assertThat(limiter.inFlight()).isZero();
    }

    @Test
    void aHopThatCannotConnectToOneAddressGoesOnToTheNamesNextAddress() throws Exception {
        InetAddress dead = InetAddress.getByName("127.0.0.7");
        resolvesTo(dead, InetAddress.getLoopbackAddress());
        http.failConnecting("http://spare.test:8000/", Outcome.CONNECTION_REFUSED, "connection refused")
                .page("http://spare.test:8000/", "Spare");

        CheckResult result = check(engine(0, 5), "http://spare.test:8000/").join();

        assertThat(result.outcome()).as(result.error()).isEqualTo(Outcome.OK);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(http.calls()).extracting(ScriptedHttpPort.Call::address).containsExactly(dead, InetAddress.getLoopbackAddress());
    }

    @Test
    void aFailureAfterTheConnectionWasOpenIsNotTriedAtAnotherAddress() throws Exception {
        resolvesTo(InetAddress.getByName("127.0.0.7"), InetAddress.getLoopbackAddress());
        http.fail("http://spare.test:8000/", Outcome.CONNECTION_ERROR, "connection reset")
                .page("http://spare.test:8000/", "Never asked");

        CheckResult result = check(engine(0, 5), "http://spare.test:8000/").join();

        assertThat(result.outcome()).isEqualTo(Outcome.CONNECTION_ERROR);
        assertThat(http.calls()).as("the server had the request: another address would ask it twice").hasSize(1);
    }

    @Test
    void whenNoAddressCanBeReachedTheErrorSaysEveryOneWasTried() throws Exception {
        resolvesTo(InetAddress.getByName("127.0.0.7"), InetAddress.getByName("127.0.0.8"));
        http.failConnecting("http://spare.test:8000/", Outcome.CONNECTION_REFUSED, "connection refused")
                .failConnecting("http://spare.test:8000/", Outcome.CONNECTION_REFUSED, "connection refused");

        CheckResult result = check(engine(0, 5), "http://spare.test:8000/").join();

        assertThat(result.outcome()).isEqualTo(Outcome.CONNECTION_REFUSED);
        assertThat(result.error()).isEqualTo("connection refused (all 2 addresses of spare.test tried)");
        assertThat(http.calls()).hasSize(2);
    }

    @Test
    void aCertificateProblemIsNotTriedAtAnotherAddress() throws Exception {
        resolvesTo(InetAddress.getByName("127.0.0.7"), InetAddress.getLoopbackAddress());
        http.failConnecting("https://spare.test:8443/", Outcome.TLS_ERROR, "TLS handshake failed: expired")
                .page("https://spare.test:8443/", "Never asked");

        CheckResult result = check(engine(0, 5), "https://spare.test:8443/").join();

        assertThat(result.outcome()).isEqualTo(Outcome.TLS_ERROR);
        assertThat(http.calls()).hasSize(1);
    }

    @Test
    void aRequestWaitingForTheSlotOfAHostThatAnswered429DoesNotTakeItBeforeThePause() {
        CompletableFuture<Void> answer = http.heldAnswer(ROOT + "crowded", 429, "retry-after", "2");
        http.answer(ROOT + "next", 200);
        CheckEngine engine = engine(0, 5, 1);
        CompletableFuture<CheckResult> crowded = check(engine, ROOT + "crowded");
        CompletableFuture<CheckResult> next = check(engine, ROOT + "next");

        answer.complete(null);

        assertThat(crowded.join().statusCode()).isEqualTo(429);
        assertThat(next).as("the slot the 429 gave back waits for the host's pause").isNotDone();
        time.advance(Duration.ofMillis(1999));
        assertThat(next).isNotDone();
        time.advance(Duration.ofMillis(1));
        assertThat(next.join().outcome()).isEqualTo(Outcome.OK);
    }
}
