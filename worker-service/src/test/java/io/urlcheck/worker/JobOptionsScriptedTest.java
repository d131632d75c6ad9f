package io.urlcheck.worker;

import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobOptions;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.UrlParts;
import io.urlcheck.worker.address.AddressPolicy;
import io.urlcheck.worker.support.FakeTime;
import io.urlcheck.worker.support.ScriptedHttpPort;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** A job's options in the check engine, over a scripted {@link HttpPort} and a fake clock: no socket, no waiting. */
class JobOptionsScriptedTest {

    private static final String ROOT = "http://127.0.0.1:8000/";
    private static final String OTHER = "http://127.0.0.2:8000/";

    private final FakeTime time = new FakeTime();
    private final ScriptedHttpPort http = new ScriptedHttpPort(time);
    private final CheckEngine engine = new CheckEngine(http,
            (host, deadline) -> CompletableFuture.completedFuture(NameResolver.Resolution.of(List.of(InetAddress.getLoopbackAddress()))),
            new HostLimiter(16, 4, 16, 0, time::nanoTime, time), AddressPolicy.allowing(List.of("127.0.0.0/8")),
            new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(30), () -> 1.0), time,
            time::nanoTime, time.clock(), new CheckEngine.Settings(10, Duration.ofSeconds(10), "scripted"),
            new CheckEngine.Listener() { });

    private static JobOptions options(String accept, Map<String, String> headers, String method, Long hostIntervalMs,
                                      Integer retries, Integer maxRedirects) {
        return new JobOptions(accept, null, null, headers, null, method, null, maxRedirects, hostIntervalMs, null, retries);
    }

    private CompletableFuture<CheckResult> check(String url, JobOptions options) {
        return engine.check(new CheckRequest(CheckRequest.SCHEMA_VERSION, "r-" + url, "job", url, url, UrlParts.hostOf(url),
                Instant.EPOCH, options));
    }

    @Test
    void acceptSpecDecidesTheOutcomeOfTheFinalStatus() {
        http.answer(ROOT + "forbidden", 403).answer(ROOT + "ok", 200);
        JobOptions accept403 = options("403", null, null, null, null, null);

        assertThat(check(ROOT + "forbidden", accept403).join().outcome()).isEqualTo(Outcome.OK);
        assertThat(check(ROOT + "ok", accept403).join().outcome()).as("only 403 is accepted").isEqualTo(Outcome.HTTP_ERROR);
        assertThat(check(ROOT + "forbidden", JobOptions.DEFAULTS).join().outcome()).isEqualTo(Outcome.HTTP_ERROR);
    }

    @Test
    void aRedirectThatCannotBeFollowedIsABrokenLinkUnlessTheJobsAcceptNamesItsStatus() {
        http.answer(ROOT + "nowhere", 301).answer(ROOT + "bad", 302, "location", "http://xn--a.de/");

        CheckResult nowhere = check(ROOT + "nowhere", JobOptions.DEFAULTS).join();
        assertThat(nowhere.outcome()).as("below 400 by default, but it leads nowhere").isEqualTo(Outcome.HTTP_ERROR);
        assertThat(nowhere.statusCode()).isEqualTo(301);
        assertThat(nowhere.error()).isEqualTo("HTTP 301 redirect without a Location header");
        CheckResult bad = check(ROOT + "bad", JobOptions.DEFAULTS).join();
        assertThat(bad.outcome()).isEqualTo(Outcome.HTTP_ERROR);
        assertThat(bad.error()).contains("unusable Location");

        JobOptions accept301 = options("200..299,301", null, null, null, null, null);
        assertThat(check(ROOT + "nowhere", accept301).join().outcome()).as("asked for by name").isEqualTo(Outcome.OK);
        assertThat(check(ROOT + "bad", options("200..399", null, null, null, null, null)).join().outcome())
                .isEqualTo(Outcome.OK);
    }

    @Test
    void anAccepted5xxIsNotRetried() {
        http.answer(ROOT + "down", 503);

        CheckResult result = check(ROOT + "down", options("200..299,503", null, null, null, 3, null)).join();

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.attempts()).isEqualTo(1);
    }

    @Test
    void retriesArePerJob() {
        http.answer(ROOT + "down", 503);

        CompletableFuture<CheckResult> pending = check(ROOT + "down", options(null, null, null, null, 2, null));
        time.advance(Duration.ofMinutes(1));

        assertThat(pending.join().attempts()).isEqualTo(3);
    }

    @Test
    void headRefusedIsAskedAgainWithGetAndTheResultSaysSo() {
        http.answer(ROOT + "a", 405).page(ROOT + "a", "Got");

        CheckResult result = check(ROOT + "a", options(null, null, "HEAD", null, null, null)).join();

        assertThat(http.calls()).extracting(c -> c.hop().method()).containsExactly("HEAD", "GET");
        assertThat(result.method()).isEqualTo("GET");
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.title()).isEqualTo("Got");
    }

    @Test
    void headAnsweredStaysHeadOnEveryHop() {
        http.answer(ROOT + "a", 301, "location", "/b").answer(ROOT + "b", 200);

        CheckResult result = check(ROOT + "a", options(null, null, "HEAD", null, null, null)).join();

        assertThat(http.calls()).extracting(c -> c.hop().method()).containsExactly("HEAD", "HEAD");
        assertThat(result.method()).isEqualTo("HEAD");
    }

    @Test
    void headersFollowRedirectsWithinTheOriginOnlyAndUserAgentAlways() {
        http.answer(ROOT + "a", 302, "location", "/b")
                .answer(ROOT + "b", 302, "location", OTHER + "c")
                .answer(OTHER + "c", 302, "location", ROOT + "d")
                .answer(ROOT + "d", 200);

        check(ROOT + "a", options(null, Map.of("Authorization", "Bearer x", "Cookie", "s=1"), null, null, null, null)).join();

        List<ScriptedHttpPort.Call> calls = http.calls();
        assertThat(calls).extracting(ScriptedHttpPort.Call::url).containsExactly(ROOT + "a", ROOT + "b", OTHER + "c", ROOT + "d");
        assertThat(calls.get(0).hop().headers()).containsKeys("Authorization", "Cookie", "User-Agent");
        assertThat(calls.get(1).hop().headers()).containsKeys("Authorization", "Cookie");
        assertThat(calls.get(2).hop().headers()).containsOnlyKeys("User-Agent");
        assertThat(calls.get(3).hop().headers()).as("back at the job's origin").containsKeys("Authorization", "Cookie");
    }

    @Test
    void maxRedirectsIsPerJob() {
        http.answer(ROOT + "0", 302, "location", "/1").answer(ROOT + "1", 302, "location", "/2").answer(ROOT + "2", 200);

        assertThat(check(ROOT + "0", options(null, null, null, null, null, 1)).join().outcome()).isEqualTo(Outcome.TOO_MANY_REDIRECTS);
        assertThat(check(ROOT + "0", JobOptions.DEFAULTS).join().outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void hostIntervalSpacesTheJobsRequestsAndLeavesOtherJobsAlone() {
        http.slowAnswer(ROOT + "1", Duration.ofMillis(100).toNanos(), 200).answer(ROOT + "2", 200).answer(ROOT + "3", 200);
        JobOptions spaced = options(null, null, null, 500L, null, null);

        CompletableFuture<CheckResult> first = check(ROOT + "1", spaced);
        CompletableFuture<CheckResult> second = check(ROOT + "2", spaced);
        CompletableFuture<CheckResult> plain = check(ROOT + "3", JobOptions.DEFAULTS);

        assertThat(first).isDone();
        assertThat(plain).as("a job without an interval is not held back").isDone();
        assertThat(second).isNotDone();
        time.advance(Duration.ofMillis(499));
        assertThat(second).as("500 ms after the first ended at 100 ms").isNotDone();
        time.advance(Duration.ofMillis(101));
        assertThat(second).isDone();
        long firstAt = http.calls().get(0).atNanos();
        long secondAt = http.calls().stream().filter(c -> c.url().equals(ROOT + "2")).findFirst().orElseThrow().atNanos();
        assertThat(Duration.ofNanos(secondAt - firstAt)).isEqualTo(Duration.ofMillis(600));
    }
}
