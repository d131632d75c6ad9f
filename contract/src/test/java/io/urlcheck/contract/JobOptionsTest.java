package io.urlcheck.contract;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobOptionsTest {

    private static final Instant AT = Instant.parse("2026-12-04T23:00:00Z");

    static JobOptions everyOption() {
        return new JobOptions("200..299,403", List.of("^https://example\\.com/"), List.of("/private/"),
                Map.of("Authorization", "Bearer s3cret"), "nightly-bot/1.0", "head", true, 3, 250L, 5_000L, 1);
    }

    @Test
    void defaultsHaveNoOptionSetAndEmptyCollections() {
        JobOptions defaults = JobOptions.DEFAULTS;

        assertThat(defaults.include()).isEmpty();
        assertThat(defaults.exclude()).isEmpty();
        assertThat(defaults.headers()).isEmpty();
        assertThat(defaults.method()).isNull();
        assertThat(defaults.acceptSpec()).isSameAs(AcceptSpec.DEFAULT);
        assertThat(new JobOptions(null, List.of(), null, Map.of(), null, null, null, null, null, null, null)).isEqualTo(defaults);
    }

    @Test
    void methodIsStoredUpperCase() {
        assertThat(everyOption().method()).isEqualTo("HEAD");
        assertThatThrownBy(() -> options().method("POST").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("method must be GET or HEAD; got 'POST'");
    }

    @Test
    void badRegexAcceptSpecHeaderOrNumberIsRefusedNamingTheField() {
        assertThatThrownBy(() -> options().exclude(List.of("(unclosed")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("exclude pattern '(unclosed' is not a valid regular expression");
        assertThatThrownBy(() -> options().include(List.of("")).build()).hasMessage("include pattern is empty");
        assertThatThrownBy(() -> options().accept("ok").build()).hasMessageContaining("accept spec 'ok'");
        assertThatThrownBy(() -> options().headers(Map.of("Bad Name", "v")).build())
                .hasMessage("header name 'Bad Name' is not a valid HTTP header name");
        assertThatThrownBy(() -> options().headers(Map.of("Host", "evil.example")).build())
                .hasMessageContaining("header Host may not be set by a job");
        assertThatThrownBy(() -> options().maxRedirects(-1).build()).hasMessage("maxRedirects must be between 0 and 50; got -1");
        assertThatThrownBy(() -> options().hostIntervalMs(-5L).build()).hasMessageContaining("hostIntervalMs must be between");
        assertThatThrownBy(() -> options().timeoutMs(0L).build()).hasMessageContaining("timeoutMs must be between 1");
        assertThatThrownBy(() -> options().retries(11).build()).hasMessageContaining("retries must be between 0 and 10");
        assertThatThrownBy(() -> options().userAgent("a\r\nX-Injected: 1").build()).hasMessage("userAgent holds a line break or NUL");
    }

    @Test
    void headerValueErrorsAndToStringNeverShowTheSecret() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer s3cret\r\nX-Injected: 1");

        assertThatThrownBy(() -> options().headers(headers).build())
                .hasMessageContaining("header Authorization").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> options().headers(Map.of("X-A", "1", "x-a", "2")).build()).hasMessageContaining("given twice");
        assertThat(everyOption().toString()).contains("Authorization=***").doesNotContain("s3cret");
    }

    @Test
    void optionsRoundTripUnderTheAgreedFieldNames() {
        JobOptions options = everyOption();

        byte[] json = JsonCodec.encode(options);
        JsonNode node = JsonCodec.decode(json, JsonNode.class);

        assertThat(JsonCodec.decode(json, JobOptions.class)).isEqualTo(options);
        assertThat(node.fieldNames()).toIterable().containsExactly("accept", "include", "exclude", "headers", "userAgent",
                "method", "insecure", "maxRedirects", "hostIntervalMs", "timeoutMs", "retries");
    }

    @Test
    void requestCarriesItsJobsOptionsThroughTheCodec() {
        CheckRequest request = new CheckRequest(CheckRequest.SCHEMA_VERSION, "r", "j", "in", "http://x/", "x", AT, everyOption());

        CheckRequest back = JsonCodec.decode(JsonCodec.encode(request), CheckRequest.class);

        assertThat(back).isEqualTo(request);
        assertThat(back.schemaVersion()).isEqualTo(2);
        assertThat(back.options().headers()).containsEntry("Authorization", "Bearer s3cret");
    }

    @Test
    void aVersionOneRecordWithoutOptionsDecodesToTheDefaults() {
        String old = "{\"schemaVersion\":1,\"requestId\":\"r-1\",\"jobId\":\"nightly\",\"input\":\" http://Example.com/a \","
                + "\"url\":\"http://example.com/a\",\"host\":\"example.com\",\"submittedAt\":\"2026-11-23T08:00:00.123Z\"}";

        CheckRequest decoded = JsonCodec.decode(old.getBytes(StandardCharsets.UTF_8), CheckRequest.class);

        assertThat(decoded.options()).isSameAs(JobOptions.DEFAULTS);
        assertThat(decoded).isEqualTo(new CheckRequest(1, "r-1", "nightly", " http://Example.com/a ", "http://example.com/a",
                "example.com", Instant.parse("2026-11-23T08:00:00.123Z")));
    }

    @Test
    void nullOptionsAndNullCollectionsDecodeToTheDefaults() {
        String json = "{\"schemaVersion\":2,\"jobId\":\"j\",\"url\":\"http://x/\",\"host\":\"x\",\"options\":null}";
        String empty = "{\"schemaVersion\":2,\"jobId\":\"j\",\"url\":\"http://x/\",\"host\":\"x\",\"options\":{\"include\":null}}";

        assertThat(JsonCodec.decode(json.getBytes(StandardCharsets.UTF_8), CheckRequest.class).options()).isSameAs(JobOptions.DEFAULTS);
        assertThat(JsonCodec.decode(empty.getBytes(StandardCharsets.UTF_8), CheckRequest.class).options()).isEqualTo(JobOptions.DEFAULTS);
    }

    @Test
    void aRecordWithInvalidOptionsIsAMalformedRecord() {
        String json = "{\"schemaVersion\":2,\"jobId\":\"j\",\"url\":\"http://x/\",\"host\":\"x\",\"options\":{\"exclude\":[\"(\"]}}";

        assertThatThrownBy(() -> JsonCodec.decode(json.getBytes(StandardCharsets.UTF_8), CheckRequest.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("exclude pattern '('");
    }

    private static Builder options() {
        return new Builder();
    }

    /** Sets one option at a time on top of the defaults. */
    private static final class Builder {
        private String accept;
        private List<String> include;
        private List<String> exclude;
        private Map<String, String> headers;
        private String userAgent;
        private String method;
        private Integer maxRedirects;
        private Long hostIntervalMs;
        private Long timeoutMs;
        private Integer retries;

        Builder accept(String v) { accept = v; return this; }
        Builder include(List<String> v) { include = v; return this; }
        Builder exclude(List<String> v) { exclude = v; return this; }
        Builder headers(Map<String, String> v) { headers = v; return this; }
        Builder userAgent(String v) { userAgent = v; return this; }
        Builder method(String v) { method = v; return this; }
        Builder maxRedirects(Integer v) { maxRedirects = v; return this; }
        Builder hostIntervalMs(Long v) { hostIntervalMs = v; return this; }
        Builder timeoutMs(Long v) { timeoutMs = v; return this; }
        Builder retries(Integer v) { retries = v; return this; }

        JobOptions build() {
            return new JobOptions(accept, include, exclude, headers, userAgent, method, null, maxRedirects, hostIntervalMs,
                    timeoutMs, retries);
        }
    }
}
