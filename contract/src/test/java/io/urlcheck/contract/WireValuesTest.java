package io.urlcheck.contract;

import io.urlcheck.contract.kafka.DeadLetter;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireValuesTest {

    private static final Instant AT = Instant.parse("2026-11-23T08:00:00Z");

    @Test
    void nulAndUnpairedSurrogatesBecomeTheReplacementCharacter() {
        assertThat(WireValues.text("a\u0000b")).isEqualTo("a\uFFFDb");
        assertThat(WireValues.text("\ud800x\udc00")).isEqualTo("\uFFFDx\uFFFD");
        assertThat(WireValues.text("end\ud83d")).isEqualTo("end\uFFFD");
        assertThat(WireValues.text(null)).isNull();
    }

    @Test
    void cleanTextIsReturnedAsTheSameInstance() {
        String clean = "Pricing – Example \ud83d\ude00 \uFFFD";
        assertThat(WireValues.text(clean)).isSameAs(clean);
    }

    @Test
    void everyTextFieldOfAResultIsCleanedHoweverItWasMade() {
        CheckResult built = CheckResult.builder().checkId("c\u0000").requestId("r\u0000").jobId("j\u0000")
                .input("i\u0000").url("http://x/\u0000").outcome(Outcome.OK).title("a\u0000b").finalUrl("f\u0000")
                .redirects(List.of(new Redirect("h\u0000", 301))).contentType("t\u0000").error("e\u0000")
                .checkedAt(AT).workerId("w\u0000").tls(new TlsInfo("p\u0000", AT, "i\ud800", "s\u0000")).build();

        String json = JsonCodec.encodeToString(built);

        assertThat(json).doesNotContain("\\u0000").doesNotContain("\u0000");
        assertThat(built.title()).isEqualTo("a\uFFFDb");
        assertThat(built.redirects().get(0).url()).isEqualTo("h\uFFFD");
        assertThat(built.tls().issuer()).isEqualTo("i\uFFFD");
        assertThat(List.of(built.checkId(), built.requestId(), built.jobId(), built.input(), built.url(), built.finalUrl(),
                built.contentType(), built.error(), built.workerId(), built.tls().protocol(), built.tls().subject()))
                .allSatisfy(s -> assertThat(s).endsWith("\uFFFD"));
    }

    @Test
    void aDecodedResultWithAnEscapedNulTitleCarriesTheReplacementCharacter() {
        String wire = "{\"checkId\":\"c1\",\"url\":\"http://x/a\\u0000b\",\"outcome\":\"OK\",\"title\":\"a\\u0000b\","
                + "\"checkedAt\":\"2026-11-23T08:00:00Z\"}";

        CheckResult r = JsonCodec.decode(wire.getBytes(StandardCharsets.UTF_8), CheckResult.class);

        assertThat(r.title()).isEqualTo("a\uFFFDb");
        assertThat(r.url()).isEqualTo("http://x/a\uFFFDb");
    }

    @Test
    void requestsAndTotalsAreCleanedToo() {
        CheckRequest request = new CheckRequest(1, "r\u0000", "j\u0000", "i\u0000", "http://x/\u0000", "x\u0000", AT);
        JobTotals totals = new JobTotals(1, "j\u0000", 1, 1, 0, 0, 0, true, AT, AT);

        assertThat(List.of(request.requestId(), request.jobId(), request.input(), request.url(), request.host(), totals.jobId()))
                .allSatisfy(s -> assertThat(s).endsWith("\uFFFD").doesNotContain("\u0000"));
    }

    @Test
    void instantsOutsideTheYearsOneToNineThousandNineHundredNinetyNineAreUndecodable() {
        String wire = "{\"checkId\":\"c1\",\"url\":\"http://x/\",\"outcome\":\"OK\",\"checkedAt\":\"+294277-01-01T00:00:00Z\"}";

        assertThatThrownBy(() -> JsonCodec.decode(wire.getBytes(StandardCharsets.UTF_8), CheckResult.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("outside the years 0001 to 9999");
        assertThat(WireValues.instant(WireValues.LAST_INSTANT, "t")).isEqualTo(WireValues.LAST_INSTANT);
        assertThat(WireValues.instant(WireValues.FIRST_INSTANT, "t")).isEqualTo(WireValues.FIRST_INSTANT);
        assertThatThrownBy(() -> WireValues.instant(Instant.parse("0000-12-31T23:59:59Z"), "t"))
                .as("PostgreSQL has no year 0000").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JobTotals(1, "j", 0, 0, 0, 0, 0, false, Instant.MIN, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("startedAt");
    }

    @Test
    void aDeadLetterCarriesReasonTopicAndPositionAndCutsAHugeValue() {
        byte[] huge = new byte[DeadLetter.MAX_BYTES + 10];

        DeadLetter letter = DeadLetter.of("k".getBytes(StandardCharsets.UTF_8), huge, "bad", Topics.RESULTS, 3, 42);

        assertThat(header(letter, Topics.HEADER_DLQ_REASON)).isEqualTo("bad");
        assertThat(header(letter, Topics.HEADER_DLQ_TOPIC)).isEqualTo(Topics.RESULTS);
        assertThat(header(letter, Topics.HEADER_DLQ_POSITION)).isEqualTo("3:42");
        assertThat(header(letter, Topics.HEADER_DLQ_ORIGINAL_BYTES)).isEqualTo(Integer.toString(huge.length));
        assertThat(letter.value()).hasSize(DeadLetter.MAX_BYTES);
        assertThat(letter.toProducerRecord().topic()).isEqualTo(Topics.DEAD_LETTER);
        assertThat(header(DeadLetter.of(null, new byte[1], "x".repeat(5000), "t", 0, 0), Topics.HEADER_DLQ_REASON))
                .hasSizeLessThan(DeadLetter.MAX_REASON_CHARS + 20);
    }

    private static String header(DeadLetter letter, String name) {
        Header h = letter.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
