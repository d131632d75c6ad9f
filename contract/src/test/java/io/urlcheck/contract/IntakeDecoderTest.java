package io.urlcheck.contract;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntakeDecoderTest {

    private final IntakeDecoder decoder = new IntakeDecoder(1024);

    @Test
    void plainTextValueIsTheUrlItself() {
        IntakeRecord record = decoder.decode(utf8("  https://example.com/a?b=c \n"));

        assertThat(record.input()).isEqualTo("  https://example.com/a?b=c \n");
        assertThat(record.jobId()).isNull();
    }

    @Test
    void jsonObjectCarriesUrlAndJobId() {
        IntakeRecord record = decoder.decode(utf8(" {\"url\": \"http://example.com/\", \"jobId\": \"nightly\"}"));

        assertThat(record.input()).isEqualTo("http://example.com/");
        assertThat(record.jobId()).isEqualTo("nightly");
    }

    @Test
    void jsonObjectWithoutJobIdLeavesItUnset() {
        assertThat(decoder.decode(utf8("{\"url\": \"http://example.com/\"}")).jobId()).isNull();
        assertThat(decoder.decode(utf8("{\"url\": \"http://example.com/\", \"jobId\": \"\"}")).jobId()).isNull();
    }

    @Test
    void jsonOfTheWrongShapeIsRefusedWithAReason() {
        assertThatThrownBy(() -> decoder.decode(utf8("{\"href\": \"http://example.com/\"}")))
                .isInstanceOf(CodecException.class).hasMessageContaining("\"url\"");
        assertThatThrownBy(() -> decoder.decode(utf8("{\"url\": 42}")))
                .isInstanceOf(CodecException.class).hasMessageContaining("\"url\"");
        assertThatThrownBy(() -> decoder.decode(utf8("{\"url\": \"http://x/\", \"jobId\": []}")))
                .isInstanceOf(CodecException.class).hasMessageContaining("jobId");
        assertThatThrownBy(() -> decoder.decode(utf8("{not json")))
                .isInstanceOf(CodecException.class).hasMessageContaining("not a valid");
    }

    @Test
    void malformedJobIdIsRefusedWithTheJobIdRule() {
        assertThatThrownBy(() -> decoder.decode(utf8("{\"url\": \"http://x/\", \"jobId\": \"bad job id!\"}")))
                .isInstanceOf(CodecException.class)
                .hasMessage("jobId must match [A-Za-z0-9._:-]{1,128}; got 'bad job id!'");
        assertThatThrownBy(() -> decoder.decode(utf8("{\"url\": \"http://x/\", \"jobId\": \"" + "x".repeat(129) + "\"}")))
                .isInstanceOf(CodecException.class).hasMessageContaining("jobId must match");
        assertThat(decoder.decode(utf8("{\"url\": \"http://x/\", \"jobId\": \"a.B_c:1-2\"}")).jobId()).isEqualTo("a.B_c:1-2");
    }

    @Test
    void jsonRecordCarriesItsOptionsAndWithoutThemTheDefaults() {
        IntakeRecord record = decoder.decode(utf8("{\"url\": \"http://x/\", \"options\": {\"method\": \"head\", \"accept\": \"200..299,403\","
                + " \"exclude\": [\"/private/\"], \"headers\": {\"Authorization\": \"Bearer s3cret\"}}}"));

        assertThat(record.options().method()).isEqualTo("HEAD");
        assertThat(record.options().exclude()).containsExactly("/private/");
        assertThat(record.options().headers()).containsEntry("Authorization", "Bearer s3cret");
        assertThat(decoder.decode(utf8("{\"url\": \"http://x/\"}")).options()).isSameAs(JobOptions.DEFAULTS);
        assertThat(decoder.decode(utf8("http://x/")).options()).isSameAs(JobOptions.DEFAULTS);
    }

    @Test
    void invalidOptionsAreRefusedWithAReasonThatNeverShowsAHeaderValue() {
        assertThatThrownBy(() -> decoder.decode(utf8("{\"url\": \"http://x/\", \"options\": {\"exclude\": [\"(\"]}}")))
                .isInstanceOf(CodecException.class).hasMessageStartingWith("JSON intake options: exclude pattern '('");
        assertThatThrownBy(() -> decoder.decode(utf8("{\"url\": \"http://x/\", \"options\": {\"accept\": \"2xx\"}}")))
                .isInstanceOf(CodecException.class).hasMessageContaining("accept spec '2xx'");
        assertThatThrownBy(() -> decoder.decode(utf8("{\"url\": \"http://x/\", \"options\": {\"insecure\": [1]}}")))
                .isInstanceOf(CodecException.class).hasMessage("JSON intake options: insecure has the wrong type");
        assertThatThrownBy(() -> decoder.decode(utf8("{\"url\": \"http://x/\", \"options\": \"fast\"}")))
                .isInstanceOf(CodecException.class).hasMessage("JSON intake options must be a JSON object");
        assertThatThrownBy(() -> decoder.decode(utf8("{\"url\": \"http://x/\", \"options\": {\"headers\": {\"X-Token\": \"s3cret\\u0000\"}}}")))
                .isInstanceOf(CodecException.class).hasMessageContaining("header X-Token").hasMessageNotContaining("s3cret");
    }

    @Test
    void emptyOversizedAndNonUtf8ValuesAreRefusedWithAReason() {
        assertThatThrownBy(() -> decoder.decode(new byte[0])).hasMessageContaining("empty");
        assertThatThrownBy(() -> decoder.decode(null)).hasMessageContaining("empty");
        assertThatThrownBy(() -> decoder.decode(new byte[2048])).hasMessageContaining("2048 bytes exceeds");
        assertThatThrownBy(() -> decoder.decode(new byte[] {'h', (byte) 0xC3, (byte) 0x28}))
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void deeplyNestedJsonIsRefusedWithoutBlowingTheStack() {
        String nested = "{\"url\":" + "[".repeat(500) + "]".repeat(500) + "}";
        IntakeDecoder roomy = new IntakeDecoder(10_000);

        assertThatThrownBy(() -> roomy.decode(utf8(nested))).isInstanceOf(CodecException.class);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
