package io.urlcheck.systemtests.dashboard;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.Redirect;
import io.urlcheck.contract.Timings;
import io.urlcheck.contract.TlsInfo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The known job DashboardIT feeds the sink: {@link #initial()} results before the page opens, the
 * {@link #last()} ones after, a mix of outcomes with timeouts in both, and one redirect chain.
 */
record DashboardSeed(String jobId, JobTotals totals, List<CheckResult> initial, List<CheckResult> last,
                     String redirectUrl, List<String> redirectHops) {

    /** The seed of job {@code jobId}; results are checked from {@code start} on, one a second. */
    static DashboardSeed create(String jobId, Instant start) {
        Checks checks = new Checks(jobId, start);
        TlsInfo tls = new TlsInfo("TLSv1.3", start.plus(Duration.ofDays(62)), "CN=Test CA", "CN=example.test");
        List<CheckResult> initial = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            String url = "https://www.example.test/ok/" + jobId + "/" + i;
            initial.add(ok(checks.of(url), url, 40 + 15L * i).tls(tls).build());
        }
        String first = "http://docs.example.test/" + jobId + "/start";
        String second = "https://docs.example.test/" + jobId + "/start";
        String landing = "https://docs.example.test/" + jobId + "/en/start/";
        initial.add(ok(checks.of(first), landing, 212).tls(tls).timings(new Timings(4L, 9L, 31L, 150L, 18L))
                .redirects(List.of(new Redirect(first, 301), new Redirect(second, 302))).build());
        initial.add(httpError(checks.of("https://shop.example.test/" + jobId + "/gone"), 404, 35));
        initial.add(httpError(checks.of("https://shop.example.test/" + jobId + "/broken"), 500, 120));
        initial.add(httpError(checks.of("https://shop.example.test/" + jobId + "/private"), 403, 28));
        for (int i = 0; i < 3; i++) {
            initial.add(timeout(checks.of("https://slow.example.test/" + jobId + "/t" + i)));
        }
        initial.add(failed(checks.of("https://nowhere.example.test/" + jobId), Outcome.DNS_FAILURE, "unknown host"));
        initial.add(failed(checks.of("https://closed.example.test:8443/" + jobId), Outcome.CONNECTION_REFUSED, "connection refused"));
        initial.add(failed(checks.of("https://expired.example.test/" + jobId), Outcome.TLS_ERROR, "certificate expired"));
        String typo = "htp:/" + jobId + "/typo";
        initial.add(CheckResult.invalid(jobId, "  " + typo, typo, "scheme must be http or https", checks.next()));

        List<CheckResult> last = new ArrayList<>();
        for (int i = 9; i < 11; i++) {
            String url = "https://www.example.test/ok/" + jobId + "/" + i;
            last.add(ok(checks.of(url), url, 55).build());
        }
        last.add(timeout(checks.of("https://slow.example.test/" + jobId + "/t3")));
        last.add(httpError(checks.of("https://shop.example.test/" + jobId + "/missing"), 404, 31));

        long rejected = 1;
        long accepted = initial.size() + last.size() - rejected;
        // one duplicate line and one comment line, so submitted == accepted + rejected + duplicates + skipped
        JobTotals totals = new JobTotals(JobTotals.SCHEMA_VERSION, jobId, accepted + rejected + 2, accepted, rejected,
                1, 1, true, start, start.plusSeconds(1));
        return new DashboardSeed(jobId, totals, List.copyOf(initial), List.copyOf(last), first,
                List.of("301 " + first, "302 " + second, "200 " + landing));
    }

    /** A small job that is already done: two OK results, so switching to it shows a full bar. */
    static DashboardSeed finishedJob(String jobId, Instant start) {
        Checks checks = new Checks(jobId, start);
        List<CheckResult> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String url = "https://www.example.test/earlier/" + jobId + "/" + i;
            results.add(ok(checks.of(url), url, 70).build());
        }
        JobTotals totals = new JobTotals(JobTotals.SCHEMA_VERSION, jobId, 2, 2, 0, 0, 0, true, start, start.plusSeconds(1));
        return new DashboardSeed(jobId, totals, List.copyOf(results), List.of(), null, List.of());
    }

    /** URLs of the timeouts among {@code results}. */
    static List<String> timeouts(List<CheckResult> results) {
        return results.stream().filter(r -> r.outcome() == Outcome.TIMEOUT).map(CheckResult::url).toList();
    }

    /** The expectations the browser script checks, as it reads them from DASHBOARD_EXPECT. */
    Map<String, Object> expectations(DashboardSeed otherJob) {
        long expected = totals.expectedResults();
        return Map.of(
                "jobId", jobId,
                "otherJob", Map.of("jobId", otherJob.jobId(), "expected", otherJob.totals().expectedResults()),
                "expected", expected,
                "partialPercent", initial.size() * 100 / expected,
                "initialTimeouts", timeouts(initial),
                "finalTimeouts", timeouts(last),
                "redirect", Map.of("url", redirectUrl, "hops", redirectHops,
                        "timings", List.of("DNS 4 ms", "Connect 9 ms", "TLS 31 ms", "First byte 150 ms", "Transfer 18 ms")));
    }

    /** Hands out builders for one job's checks, each checked a second after the one before. */
    private static final class Checks {
        private final String jobId;
        private Instant at;

        Checks(String jobId, Instant start) {
            this.jobId = jobId;
            this.at = start;
        }

        Instant next() {
            at = at.plusSeconds(1);
            return at;
        }

        CheckResult.Builder of(String url) {
            return CheckResult.builder().jobId(jobId).requestId("req-" + Integer.toHexString(url.hashCode()))
                    .input(url).url(url).attempts(1).workerId("worker-it").checkedAt(next());
        }
    }

    private static CheckResult.Builder ok(CheckResult.Builder b, String finalUrl, long ms) {
        return b.outcome(Outcome.OK).statusCode(200).responseTimeMs(ms).timeToFirstByteMs(ms / 2).finalUrl(finalUrl)
                .title("Example page").contentType("text/html; charset=utf-8").contentLength(4096L);
    }

    private static CheckResult httpError(CheckResult.Builder b, int status, long ms) {
        return b.outcome(Outcome.HTTP_ERROR).statusCode(status).responseTimeMs(ms).timeToFirstByteMs(ms)
                .contentType("text/html").build();
    }

    private static CheckResult timeout(CheckResult.Builder b) {
        return b.outcome(Outcome.TIMEOUT).responseTimeMs(10_003L).attempts(3).error("no response within the 10s deadline").build();
    }

    private static CheckResult failed(CheckResult.Builder b, Outcome outcome, String error) {
        return b.outcome(outcome).responseTimeMs(12L).error(error).build();
    }
}
