package io.urlcheck.contract;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonCodecTest {

    private static final Instant AT = Instant.parse("2026-11-23T08:00:00.123Z");

    @Test
    void resultRoundTripsWithEveryField() {
        CheckResult result = CheckResult.builder()
                .requestId("r-1").jobId("job-1").input(" http://Example.com/a ").url("http://example.com/a")
                .outcome(Outcome.OK).statusCode(200).responseTimeMs(42L).timeToFirstByteMs(30L).title("Hello")
                .finalUrl("http://example.com/b").redirects(List.of(new Redirect("http://example.com/a", 301)))
                .contentType("text/html; charset=utf-8").contentLength(1234L).attempts(1).checkedAt(AT)
                .workerId("worker-1").tls(new TlsInfo("TLSv1.3", AT, "CN=ca", "CN=example.com"))
                .build();

        CheckResult back = JsonCodec.decode(JsonCodec.encode(result), CheckResult.class);

        assertThat(back).isEqualTo(result);
    }

    @Test
    void resultWireFormatUsesTheContractNames() {
        CheckResult result = CheckResult.builder().jobId("j").input("x").url("http://x/")
                .outcome(Outcome.TIMEOUT).error("deadline of 10s passed").attempts(3).checkedAt(AT).workerId("w").build();

        JsonNode json = JsonCodec.decode(JsonCodec.encode(result), JsonNode.class);

        assertThat(json.fieldNames()).toIterable().contains(
                "input", "url", "jobId", "outcome", "statusCode", "responseTimeMs", "title", "finalUrl",
                "redirects", "contentType", "contentLength", "error", "attempts", "checkedAt", "workerId",
                "schemaVersion");
        assertThat(json.get("statusCode").isNull()).isTrue();
        assertThat(json.get("outcome").asText()).isEqualTo("TIMEOUT");
        assertThat(json.get("checkedAt").asText()).isEqualTo("2026-11-23T08:00:00.123Z");
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(CheckResult.SCHEMA_VERSION);
    }

    @Test
    void resultAnsweringAnInternationalHostKeepsBothForms() {
        CheckRequest request = new CheckRequest(1, "r", "j", "https://FAß.de/x", "https://xn--fa-hia.de/x", "xn--fa-hia.de", AT);
        CheckResult result = CheckResult.builder().answering(request).outcome(Outcome.OK).checkedAt(AT).build();

        JsonNode json = JsonCodec.decode(JsonCodec.encode(result), JsonNode.class);

        assertThat(json.get("input").asText()).isEqualTo("https://FAß.de/x");
        assertThat(json.get("url").asText()).isEqualTo("https://xn--fa-hia.de/x");
        assertThat(json.get("displayHost").asText()).isEqualTo("faß.de");
        assertThat(JsonCodec.decode(JsonCodec.encode(result), CheckResult.class)).isEqualTo(result);
    }

    @Test
    void resultWrittenBeforeDisplayHostDecodesWithoutIt() {
        String old = "{\"schemaVersion\":1,\"checkId\":\"c\",\"jobId\":\"j\",\"url\":\"http://x/\","
                + "\"outcome\":\"OK\",\"attempts\":1,\"checkedAt\":\"2026-11-23T08:00:00.123Z\"}";

        CheckResult decoded = JsonCodec.decode(old.getBytes(StandardCharsets.UTF_8), CheckResult.class);

        assertThat(decoded.displayHost()).isNull();
        assertThat(decoded.url()).isEqualTo("http://x/");
    }

    @Test
    void requestAndJobTotalsRoundTrip() {
        CheckRequest request = new CheckRequest(1, "r", "j", "in", "http://x/", "x", AT);
        JobTotals totals = new JobTotals(1, "j", 10, 6, 2, 1, 1, true, AT, AT);

        assertThat(JsonCodec.decode(JsonCodec.encode(request), CheckRequest.class)).isEqualTo(request);
        assertThat(JsonCodec.decode(JsonCodec.encode(totals), JobTotals.class)).isEqualTo(totals);
        assertThat(totals.expectedResults()).isEqualTo(8);
    }

    @Test
    void jobTotalsWrittenBeforeContributorsDecodeAsAWholeJobsTotals() {
        String old = "{\"schemaVersion\":1,\"jobId\":\"nightly\",\"submitted\":10,\"accepted\":6,\"rejected\":2,"
                + "\"duplicates\":1,\"skipped\":1,\"complete\":true,\"startedAt\":\"2026-11-23T08:00:00.123Z\","
                + "\"updatedAt\":\"2026-11-23T08:00:00.123Z\"}";

        JobTotals decoded = JsonCodec.decode(old.getBytes(StandardCharsets.UTF_8), JobTotals.class);

        assertThat(decoded).isEqualTo(new JobTotals(1, "nightly", 10, 6, 2, 1, 1, true, AT, AT));
        assertThat(decoded.contributor()).isNull();
        assertThat(decoded.openEnded()).isFalse();
        assertThat(decoded.recordKey()).isEqualTo("nightly");
    }

    @Test
    void contributorTotalsRoundTripAndAreKeyedByJobAndContributor() {
        JobTotals part = new JobTotals(1, "intake-2026-11-23", 5, 5, 0, 0, 0, false, AT, AT, "producer-a.1", true);

        JsonNode json = JsonCodec.decode(JsonCodec.encode(part), JsonNode.class);

        assertThat(JsonCodec.decode(JsonCodec.encode(part), JobTotals.class)).isEqualTo(part);
        assertThat(json.get("contributor").asText()).isEqualTo("producer-a.1");
        assertThat(json.get("openEnded").asBoolean()).isTrue();
        assertThat(json.has("recordKey")).as("a derived value, not a field").isFalse();
        assertThat(part.recordKey()).isEqualTo("intake-2026-11-23/producer-a.1");
    }

    @Test
    void anOverlongContributorIsAMalformedRecord() {
        String json = "{\"schemaVersion\":1,\"jobId\":\"j\",\"contributor\":\"" + "c".repeat(JobTotals.MAX_CONTRIBUTOR_LENGTH + 1)
                + "\",\"openEnded\":true}";

        assertThatThrownBy(() -> JsonCodec.decode(json.getBytes(StandardCharsets.UTF_8), JobTotals.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("contributor longer than");
    }

    @Test
    void encodedMessagesAreByteForByteWhatStockJacksonWrites() throws Exception {
        Instant micros = Instant.parse("2026-11-23T08:00:00.123456Z");
        CheckRequest request = new CheckRequest(1, "5f0c6c1e-2b7a-4d3e-9c1a-8f7e6d5c4b3a", "job-1",
                " https://Example.com/a ", "https://example.com/a", "example.com", micros);
        CheckResult ok = CheckResult.builder().requestId(request.requestId()).jobId("job-1").input(request.input())
                .url(request.url()).outcome(Outcome.OK).statusCode(200).responseTimeMs(183L).timeToFirstByteMs(121L)
                .title("Caf\u00e9 \"quoted\" \u2603").finalUrl("https://example.com/b")
                .redirects(List.of(new Redirect(request.url(), 301))).contentType("text/html; charset=utf-8")
                .contentLength(48_213L).attempts(1).checkedAt(micros.plusNanos(1)).workerId("worker-1")
                .tls(new TlsInfo("TLSv1.3", Instant.parse("2027-02-14T23:59:59Z"), "CN=R11,O=Let's Encrypt", "CN=example.com"))
                .build();
        CheckResult rejected = CheckResult.invalid("job-1", "not a url", "not a url", "no scheme", Instant.EPOCH);
        // The last instant a message may carry (WireValues); instants beyond it are InstantCodecDifferentialTest's.
        JobTotals totals = new JobTotals(1, "job-1", 10, 6, 2, 1, 1, false, AT, Instant.parse("9999-12-31T23:59:59.999999999Z"));

        for (Object message : List.of(request, ok, rejected, totals)) {
            byte[] stock = StockJackson.MAPPER.writeValueAsBytes(message);

            assertThat(JsonCodec.encode(message)).as(new String(stock, StandardCharsets.UTF_8)).isEqualTo(stock);
            assertThat(JsonCodec.encodeToString(message)).isEqualTo(new String(stock, StandardCharsets.UTF_8));
            assertThat(JsonCodec.decode(stock, message.getClass())).isEqualTo(message);
        }
    }

    @Test
    void newerSchemaFieldsAreIgnoredByOlderReaders() {
        String json = "{\"schemaVersion\":2,\"requestId\":\"r\",\"jobId\":\"j\",\"input\":\"i\",\"url\":\"http://x/\","
                + "\"host\":\"x\",\"submittedAt\":\"2026-11-23T08:00:00Z\",\"priority\":7}";

        assertThat(JsonCodec.decode(json.getBytes(), CheckRequest.class).url()).isEqualTo("http://x/");
    }

    @Test
    void undecodableMessagesRaiseACodecExceptionWithAReason() {
        assertThatThrownBy(() -> JsonCodec.decode("{\"url\": null}".getBytes(), CheckRequest.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("CheckRequest");
        assertThatThrownBy(() -> JsonCodec.decode("garbage".getBytes(), CheckResult.class))
                .isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> JsonCodec.decode(new byte[0], CheckResult.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("empty");
    }

    @Test
    void jsonDeeperThanTheNestingLimitIsRefused() {
        int limit = JsonCodec.MAX_NESTING_DEPTH;
        byte[] atLimit = ("[".repeat(limit) + "]".repeat(limit)).getBytes(StandardCharsets.UTF_8);
        byte[] deeper = ("[".repeat(limit + 1) + "]".repeat(limit + 1)).getBytes(StandardCharsets.UTF_8);

        assertThat(JsonCodec.decode(atLimit, JsonNode.class).isArray()).isTrue();
        assertThatThrownBy(() -> JsonCodec.decode(deeper, JsonNode.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("depth");
    }

    @Test
    void newerCheckWinsAndTiesBreakOnCheckId() {
        CheckResult older = CheckResult.builder().checkId("a").url("http://x/").outcome(Outcome.OK).checkedAt(AT).build();
        CheckResult newer = older.toBuilder().checkId("b").checkedAt(AT.plusMillis(1)).build();
        CheckResult sameTime = older.toBuilder().checkId("c").build();

        assertThat(newer.isNewerThan(older)).isTrue();
        assertThat(older.isNewerThan(newer)).isFalse();
        assertThat(sameTime.isNewerThan(older)).isTrue();
        assertThat(older.host()).isEqualTo("x");
    }
}
