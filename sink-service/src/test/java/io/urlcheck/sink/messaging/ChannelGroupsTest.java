package io.urlcheck.sink.messaging;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sink's incoming channels as the packaged service configures them: each in a consumer group of its own
 * (messaging/DESIGN.md, "One group per channel"), with the commit and failure strategies that keep delivery
 * at least once. In one shared group, a cold stack's consumers waited for each other's heartbeat before
 * either read anything.
 */
class ChannelGroupsTest {

    private static Properties applicationProperties() throws IOException {
        Properties props = new Properties();
        try (InputStream in = ChannelGroupsTest.class.getResourceAsStream("/application.properties")) {
            assertThat(in).as("application.properties on the class path").isNotNull();
            props.load(in);
        }
        return props;
    }

    private static String channel(Properties props, String channel, String key) {
        return props.getProperty("mp.messaging.incoming." + channel + "." + key);
    }

    @Test
    void resultsAndJobsEachHaveTheirOwnConsumerGroup() throws IOException {
        Properties props = applicationProperties();

        assertThat(channel(props, ResultConsumer.RESULTS_CHANNEL, "group.id")).isEqualTo("urlcheck-sink");
        assertThat(channel(props, ResultConsumer.JOBS_CHANNEL, "group.id")).isEqualTo("urlcheck-sink-jobs");
    }

    @Test
    void bothChannelsCommitOnlyWhatIsDurableAndStopOnFailure() throws IOException {
        Properties props = applicationProperties();

        for (String ch : new String[] {ResultConsumer.RESULTS_CHANNEL, ResultConsumer.JOBS_CHANNEL}) {
            assertThat(channel(props, ch, "commit-strategy")).as(ch).isEqualTo("throttled");
            assertThat(channel(props, ch, "failure-strategy")).as(ch).isEqualTo("fail");
            assertThat(channel(props, ch, "auto.offset.reset")).as(ch).isEqualTo("earliest");
        }
    }
}
