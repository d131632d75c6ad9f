package io.urlcheck.contract;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkSourceTest {

    private static final Instant AT = Instant.parse("2026-12-04T23:00:00Z");

    @Test
    void requestSourceTravelsToTheResultThatAnswersIt() {
        CheckRequest request = new CheckRequest(CheckRequest.SCHEMA_VERSION, "r-1", "job-1", "https://x.test/a",
                "https://x.test/a", "x.test", AT, JobOptions.DEFAULTS, new LinkSource("docs/install.md", 12));

        CheckRequest decoded = JsonCodec.decode(JsonCodec.encode(request), CheckRequest.class);
        CheckResult result = CheckResult.builder().answering(decoded).outcome(Outcome.OK).checkedAt(AT).build();
        CheckResult back = JsonCodec.decode(JsonCodec.encode(result), CheckResult.class);

        assertThat(back.source()).isEqualTo(new LinkSource("docs/install.md", 12));
        assertThat(back.source()).hasToString("docs/install.md:12");
        assertThat(JsonCodec.encodeToString(back)).contains("\"source\":{\"file\":\"docs/install.md\",\"line\":12}");
    }

    @Test
    void messagesWrittenBeforeSourcesExistedDecodeWithoutOne() {
        String request = "{\"schemaVersion\":1,\"requestId\":\"r\",\"jobId\":\"j\",\"input\":\"http://x/\","
                + "\"url\":\"http://x/\",\"host\":\"x\",\"submittedAt\":\"2026-12-04T23:00:00Z\"}";
        String result = "{\"schemaVersion\":1,\"checkId\":\"c\",\"jobId\":\"j\",\"url\":\"http://x/\",\"outcome\":\"OK\","
                + "\"attempts\":1,\"checkedAt\":\"2026-12-04T23:00:00Z\"}";

        assertThat(JsonCodec.decode(request.getBytes(StandardCharsets.UTF_8), CheckRequest.class).source()).isNull();
        assertThat(JsonCodec.decode(result.getBytes(StandardCharsets.UTF_8), CheckResult.class).source()).isNull();
    }

    @Test
    void aSourceNeedsAFileAndALineFromOne() {
        assertThatThrownBy(() -> new LinkSource("", 3)).hasMessageContaining("needs a file");
        assertThatThrownBy(() -> new LinkSource("a.md", 0)).hasMessageContaining("starts at 1");
        assertThat(new LinkSource("x".repeat(5000), 1).file()).hasSize(LinkSource.MAX_FILE_LENGTH + 3);
    }
}
