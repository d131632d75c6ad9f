package io.urlcheck.producer.api;

import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.contract.LinkSource;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.UrlNormalizer;
import io.urlcheck.producer.DedupSets;
import io.urlcheck.producer.Ingestion;
import io.urlcheck.producer.JobAccounting;
import io.urlcheck.producer.RecordingOutbox;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Links from documents, as the launcher sends them: {@code {"url", "source": {"file", "line"}}} elements. */
class JsonLinkSourceTest {

    private final RecordingOutbox outbox = new RecordingOutbox();
    private final List<CheckRequest> requests = outbox.requests;
    private final List<CheckResult> results = outbox.rejections;
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-04T23:00:00Z"), ZoneOffset.UTC);
    private final Ingestion ingestion = new Ingestion(new JobAccounting("links", clock.instant()), new UrlNormalizer(),
            new DedupSets(1000, Long.MAX_VALUE).newSet(), outbox, clock, "links:r:");

    private JobTotals feed(String json) throws IOException {
        new JsonArrayFeeder(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), false, 65_536).feed(ingestion);
        return ingestion.accounting().snapshot(clock.instant());
    }

    @Test
    void aLinksSourceTravelsOnItsRequest() throws IOException {
        feed("[{\"url\": \"https://docs.example/a\", \"source\": {\"file\": \"README.md\", \"line\": 7}}, \"https://list.example/\"]");

        assertThat(requests).extracting(CheckRequest::url, CheckRequest::source).containsExactly(
                tuple("https://docs.example/a", new LinkSource("README.md", 7)),
                tuple("https://list.example/", null));
    }

    @Test
    void aRelativeLinkIsSkippedWithItsReasonAndSourceAndTheJobStillCountsIt() throws IOException {
        JobTotals totals = feed("[{\"url\": \"docs/install.md\", \"source\": {\"file\": \"README.md\", \"line\": 3}},"
                + " {\"url\": \"//cdn.example/x.js\", \"source\": {\"file\": \"index.html\", \"line\": 9}}]");

        assertThat(requests).isEmpty();
        assertThat(results).extracting(CheckResult::outcome, CheckResult::url, CheckResult::error, CheckResult::source)
                .containsExactly(
                        tuple(Outcome.SKIPPED, "docs/install.md", Ingestion.RELATIVE_WITHOUT_BASE,
                                new LinkSource("README.md", 3)),
                        tuple(Outcome.SKIPPED, "//cdn.example/x.js", Ingestion.RELATIVE_WITHOUT_BASE,
                                new LinkSource("index.html", 9)));
        assertThat(totals.expectedResults()).isEqualTo(2);
    }

    @Test
    void anInvalidLinkIsRejectedWithItsSource() throws IOException {
        feed("[{\"url\": \"ftp://files.example/f\", \"source\": {\"file\": \"README.md\", \"line\": 2}}]");

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.INVALID_URL);
            assertThat(r.source()).isEqualTo(new LinkSource("README.md", 2));
        });
    }

    @Test
    void aBadSourceRejectsItsElementOnly() throws IOException {
        JobTotals totals = feed("[{\"url\": \"https://a.example/\", \"source\": {\"file\": \"a.md\", \"line\": 0}},"
                + " {\"url\": \"https://b.example/\", \"source\": \"README.md\"}, \"https://c.example/\"]");

        assertThat(requests).extracting(CheckRequest::url).containsExactly("https://c.example/");
        assertThat(results).hasSize(2).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.INVALID_URL);
            assertThat(r.error()).contains("bad \"source\"");
        });
        assertThat(totals.submitted()).isEqualTo(3);
    }

    @Test
    void anElementLargerThanALineIsOneUnreadableResultAndTheElementsAfterItAreRead() throws IOException {
        String hugeButTiny = "[]," .repeat(JsonArrayFeeder.ELEMENT_VALUES) + "[]";
        String longText = "x".repeat(65_536);
        JobTotals totals = feed("[{\"url\": \"https://a.example/\", \"junk\": [" + hugeButTiny + "]},"
                + " {\"url\": \"https://b.example/\", \"note\": \"" + longText + "\"}, \"https://c.example/\"]");

        assertThat(requests).extracting(CheckRequest::url).containsExactly("https://c.example/");
        assertThat(results).extracting(CheckResult::outcome, CheckResult::url, CheckResult::error).containsExactly(
                tuple(Outcome.INVALID_URL, "{...} (JSON element 0)", "JSON element 0 is too large: over 100 values"),
                tuple(Outcome.INVALID_URL, "{...} (JSON element 1)", "JSON element 1 is too large: over 65536 characters"));
        assertThat(totals.submitted()).isEqualTo(3);
    }
}
