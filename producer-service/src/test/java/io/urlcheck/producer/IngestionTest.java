package io.urlcheck.producer;

import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobOptions;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.Rejection;
import io.urlcheck.contract.UrlNormalizer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class IngestionTest {

    private final RecordingOutbox outbox = new RecordingOutbox();
    private final List<CheckRequest> requests = outbox.requests;
    private final List<CheckResult> rejections = outbox.rejections;
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private final Ingestion ingestion = new Ingestion(new JobAccounting("job-1", clock.instant()), new UrlNormalizer(),
            new DedupSets(1000, Long.MAX_VALUE).newSet(), outbox, clock, "job-1:r:");

    private JobTotals feed(byte[] body) throws IOException {
        InputFeeder.lines(new ByteArrayInputStream(body), 1024).feed(ingestion);
        return ingestion.accounting().snapshot(clock.instant());
    }

    private JobTotals feed(String body) throws IOException {
        return feed(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyLineLandsInExactlyOneBucket() throws IOException {
        JobTotals totals = feed("""
                http://a.example/
                  http://A.example:80/  
                # comment
                   
                ftp://a.example/
                ftp://a.example/
                http://b.example/x#frag
                not a url""");

        assertThat(totals.submitted()).isEqualTo(8);
        assertThat(totals.accepted()).isEqualTo(2);
        assertThat(totals.duplicates()).isEqualTo(2);
        assertThat(totals.skipped()).isEqualTo(2);
        assertThat(totals.rejected()).isEqualTo(2);
        assertThat(totals.submitted()).isEqualTo(totals.accepted() + totals.rejected() + totals.duplicates() + totals.skipped());
        assertThat(requests).hasSize((int) totals.accepted());
        assertThat(rejections).hasSize((int) totals.rejected());
    }

    @Test
    void everyRequestCarriesTheJobsOptions() throws IOException {
        JobOptions options = new JobOptions("200..299,403", null, null, Map.of("X-Token", "t0k"), null, "head", true, 2,
                250L, 5_000L, 1);
        ingestion.useOptions(options);

        feed("http://a.example/\nhttp://b.example/\n");

        assertThat(requests).hasSize(2).allSatisfy(r -> assertThat(r.options()).isEqualTo(options));
        assertThat(requests).allSatisfy(r -> assertThat(r.schemaVersion()).isEqualTo(CheckRequest.SCHEMA_VERSION));
    }

    @Test
    void anExcludedUrlIsNeverRequestedButSkippedWithTheRuleAndCountedForTheSink() throws IOException {
        ingestion.useOptions(new JobOptions(null, List.of("\\.example/"), List.of("/private/", "\\?session="), null, null,
                null, null, null, null, null, null));

        JobTotals totals = feed("""
                http://a.example/public
                http://a.example/private/x
                http://a.example/private/x
                http://a.example/p?session=1
                http://elsewhere.test/
                """);

        assertThat(requests).extracting(CheckRequest::url).containsExactly("http://a.example/public");
        assertThat(rejections).extracting(CheckResult::outcome).containsOnly(Outcome.SKIPPED);
        assertThat(rejections).extracting(CheckResult::url, CheckResult::error).containsExactly(
                tuple("http://a.example/private/x", "excluded by --exclude '/private/'"),
                tuple("http://a.example/p?session=1", "excluded by --exclude '\\?session='"),
                tuple("http://elsewhere.test/", "not included: matches no --include pattern (\\.example/)"));
        assertThat(totals.submitted()).isEqualTo(5);
        assertThat(totals.accepted()).isEqualTo(1);
        assertThat(totals.duplicates()).isEqualTo(1);
        assertThat(totals.expectedResults()).as("one result per request or skipped URL").isEqualTo(4);
    }

    @Test
    void theMeterCountsEveryInputAndItsFateAsTheTotalsDo() throws IOException {
        List<String> fates = new ArrayList<>();
        ingestion.meter(new IngestionMeter() {
            @Override
            public void input() {
                fates.add("input");
            }

            @Override
            public void accepted() {
                fates.add("accepted");
            }

            @Override
            public void rejected(Rejection why) {
                fates.add(why.label());
            }

            @Override
            public void duplicate() {
                fates.add("duplicate");
            }
        });
        JobTotals totals = feed("http://a.example/\nhttp://a.example/\n# c\nftp://x/\nno-scheme\nhttp://\u0001x/\n");

        assertThat(fates.stream().filter("input"::equals).count()).isEqualTo(totals.submitted()).isEqualTo(6);
        assertThat(fates).filteredOn(f -> !f.equals("input"))
                .containsExactly("accepted", "duplicate", "unsupported_scheme", "no_scheme", "control_character");
    }

    @Test
    void resultUrlsOfAJobAreDistinctSoTheSinkCanCountThem() throws IOException {
        feed("http://a.example/\nhttp://a.example\nbad\nbad\n  bad  \n");
        List<String> urls = new ArrayList<>();
        requests.forEach(r -> urls.add(r.url()));
        rejections.forEach(r -> urls.add(r.url()));
        assertThat(urls).doesNotHaveDuplicates().hasSize(2);
    }

    @Test
    void inputsThatDifferOnlyByANulAndItsReplacementAreOneRejection() throws IOException {
        JobTotals totals = feed("bad\u0000x\nbad\uFFFDx\n");

        assertThat(rejections).singleElement().satisfies(r -> assertThat(r.url()).isEqualTo("bad\uFFFDx"));
        assertThat(totals.rejected()).isEqualTo(1);
        assertThat(totals.duplicates()).isEqualTo(1);
    }

    @Test
    void aRejectionCarriesTheInputTheTrimmedUrlAndTheReason() throws IOException {
        feed("  mailto:x@example.com \n");
        assertThat(rejections).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.INVALID_URL);
            assertThat(r.input()).isEqualTo("  mailto:x@example.com ");
            assertThat(r.url()).isEqualTo("mailto:x@example.com");
            assertThat(r.error()).contains("mailto");
            assertThat(r.jobId()).isEqualTo("job-1");
            assertThat(r.attempts()).isZero();
        });
    }

    @Test
    void hostileLinesAreEachAccountedFor() throws IOException {
        byte[] head = "\uFEFFhttp://bom.example/\r\nhttp://crlf.example/\rhttp://cr.example/\nhttp://nul\u0000.example/\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] longLine = ("http://long.example/" + "x".repeat(1024 * 1024) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] badUtf8 = {'h', 't', 't', 'p', ':', '/', '/', (byte) 0xFF, '\n'};
        byte[] tail = "http://last.example/".getBytes(StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        all.writeBytes(head);
        all.writeBytes(longLine);
        all.writeBytes(badUtf8);
        all.writeBytes(tail);

        JobTotals totals = feed(all.toByteArray());

        assertThat(requests).extracting(CheckRequest::url).containsExactly(
                "http://bom.example/", "http://crlf.example/", "http://cr.example/", "http://last.example/");
        assertThat(rejections).extracting(CheckResult::error).satisfiesExactly(
                nul -> assertThat(nul).contains("control character U+0000"),
                tooLong -> assertThat(tooLong).contains("line too long"),
                utf8 -> assertThat(utf8).contains("not valid UTF-8"));
        assertThat(rejections.get(1).url()).hasSizeLessThan(LineReader.TOO_LONG_PREFIX_BYTES + 8);
        assertThat(totals.submitted()).isEqualTo(7);
        assertThat(totals.rejected()).isEqualTo(3);
    }

    @Test
    void requestIdsAreUniquePerLine() throws IOException {
        feed("http://a.example/1\nhttp://a.example/2\n");
        assertThat(requests).extracting(CheckRequest::requestId).containsExactly("job-1:r:1", "job-1:r:2");
    }
}
