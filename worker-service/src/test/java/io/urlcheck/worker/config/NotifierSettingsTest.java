package io.urlcheck.worker.config;

import io.urlcheck.testkit.ConfigDefaults;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events channel's throttled commit marks the worker unhealthy when a record stays unacked longer than its
 * unprocessed-record max age; an event legitimately stays unacked for the whole retry budget and a last try.
 */
class NotifierSettingsTest {

    @Test
    void unprocessedRecordMaxAgeOutlastsTheRetryBudgetAndALastTry() throws IOException {
        Properties app = new Properties();
        try (InputStream in = NotifierSettingsTest.class.getResourceAsStream("/application.properties")) {
            app.load(in);
        }
        Map<String, String> declared = ConfigDefaults.declared(WorkerConfig.class);
        Duration budget = Duration.parse("PT" + declared.get("urlcheck.worker.webhook.retry-budget"));
        Duration lastTry = Duration.parse("PT" + declared.get("urlcheck.worker.webhook.request-timeout"));

        Duration maxAge = Duration.ofMillis(Long.parseLong(
                app.getProperty("mp.messaging.incoming.events.throttled.unprocessed-record-max-age.ms")));

        assertThat(maxAge).isGreaterThan(budget.plus(lastTry));
        assertThat(app.getProperty("mp.messaging.incoming.events.group.id")).isEqualTo("urlcheck-notifier");
        assertThat(app.getProperty("mp.messaging.incoming.events.commit-strategy")).isEqualTo("throttled");
    }
}
