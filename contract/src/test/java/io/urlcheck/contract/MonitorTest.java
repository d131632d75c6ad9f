package io.urlcheck.contract;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MonitorTest {

    private static Monitor monitor(String name, List<String> urls, List<String> webhooks) {
        return new Monitor(name, Schedule.every("1m"), urls, null, webhooks, null, null);
    }

    @Test
    void aMonitorWithoutSettingsTakesTheDefaults() {
        Monitor docs = monitor("docs-site", List.of(" https://example.com/ "), null);

        assertThat(docs.urls()).containsExactly("https://example.com/");
        assertThat(docs.options()).isEqualTo(JobOptions.DEFAULTS);
        assertThat(docs.webhooks()).isEmpty();
        assertThat(docs.brokenAfter()).isEqualTo(Monitor.DEFAULT_BROKEN_AFTER);
        assertThat(docs.certExpiryDays()).isEqualTo(Monitor.DEFAULT_CERT_EXPIRY_DAYS);
    }

    @Test
    void aMonitorSurvivesTheWireUnchanged() {
        Monitor docs = new Monitor("docs", Schedule.cron("*/5 * * * *"), List.of("https://example.com/"),
                new JobOptions(null, null, null, null, null, "HEAD", null, null, null, null, null),
                List.of("https://hooks.example.com/x"), 3, 7);

        assertThat(JsonCodec.decode(JsonCodec.encode(docs), Monitor.class)).isEqualTo(docs);
    }

    @Test
    void aMonitorThatCannotRunIsRefusedWithTheReason() {
        List<String> one = List.of("https://example.com/");
        assertThatThrownBy(() -> monitor("has:colon", one, null)).hasMessageContaining("name must match");
        assertThatThrownBy(() -> monitor("x".repeat(65), one, null)).hasMessageContaining("name must match");
        assertThatThrownBy(() -> monitor("m", List.of(), null)).hasMessageContaining("at least one URL");
        assertThatThrownBy(() -> monitor("m", Collections.nCopies(Monitor.MAX_URLS + 1, "https://e.com/"), null))
                .hasMessageContaining("at most 100000");
        assertThatThrownBy(() -> monitor("m", List.of("https://e.com/", " "), null)).hasMessageContaining("urls[1]");
        assertThatThrownBy(() -> monitor("m", one, List.of("ftp://hooks/x"))).hasMessageContaining("webhooks[0]");
        assertThatThrownBy(() -> new Monitor("m", Schedule.every("1m"), one, null, null, 0, null)).hasMessageContaining("brokenAfter");
        assertThatThrownBy(() -> new Monitor("m", null, one, null, null, null, null)).hasMessageContaining("schedule");
    }

    @Test
    void aMonitorRunsJobIdNamesTheMonitorAndTheTick() {
        Instant tick = Instant.parse("2026-12-05T10:05:00Z");
        String jobId = MonitorJobId.of("docs-site", tick);

        assertThat(jobId).isEqualTo("monitor:docs-site:1796465100");
        assertThat(JobId.isValid(jobId)).isTrue();
        assertThat(MonitorJobId.parse(jobId)).contains(new MonitorJobId.Run("docs-site", tick));
        assertThat(MonitorJobId.parse("nightly-42")).isEmpty();
        assertThat(MonitorJobId.parse("monitor:bad name:12")).isEmpty();
        assertThat(MonitorJobId.isReserved("monitor:anything")).isTrue();
        assertThat(MonitorJobId.isReserved("monitors-report")).isFalse();
    }

    @Test
    void aRedactedMonitorHidesHeaderValuesAndWebhookPaths() {
        Monitor secret = new Monitor("docs", Schedule.every("5m"), List.of("https://example.com/"),
                new JobOptions(null, null, null, Map.of("Authorization", "Bearer s3cret"), null, null, null, null, null, null, null),
                List.of("https://user:pw@hooks.slack.com/services/T000/B000/XXXX?token=abc", "http://127.0.0.1:8080/hook"), null, null);

        Monitor shown = secret.redacted();

        assertThat(shown.options().headers()).containsExactly(Map.entry("Authorization", "***"));
        assertThat(shown.webhooks()).containsExactly("https://hooks.slack.com/\u2026", "http://127.0.0.1:8080/\u2026");
        assertThat(new String(JsonCodec.encode(shown), StandardCharsets.UTF_8)).doesNotContain("s3cret", "XXXX", "abc", "pw");
        assertThat(shown.urls()).isEqualTo(secret.urls());
    }
}
