package io.urlcheck.launcher.stack;

import io.urlcheck.contract.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StackTopicsTest {

    @Test
    void theStackHasEveryContractTopicInOrderWithRequestsSpreadOverAsManyPartitionsAsWorkersCanShare() {
        List<NewTopic> topics = StackTopics.all();

        assertThat(topics).extracting(NewTopic::name).containsExactlyElementsOf(Topics.ALL);
        assertThat(topics).filteredOn(t -> t.name().equals(Topics.REQUESTS)).singleElement()
                .extracting(NewTopic::numPartitions).isEqualTo(LocalStack.REQUEST_PARTITIONS);
        assertThat(topics).allSatisfy(t -> assertThat(t.replicationFactor()).isEqualTo((short) 1));
    }

    @Test
    void exactlyTheCompactedTopicsAreCompactedAndMonitorsTakeTheirLargestRecord() {
        List<NewTopic> topics = StackTopics.all();

        assertThat(topics).filteredOn(t -> t.configs() != null
                        && TopicConfig.CLEANUP_POLICY_COMPACT.equals(t.configs().get(TopicConfig.CLEANUP_POLICY_CONFIG)))
                .extracting(NewTopic::name).containsExactlyInAnyOrderElementsOf(Topics.COMPACTED);
        assertThat(topics).filteredOn(t -> t.name().equals(Topics.MONITORS)).singleElement()
                .satisfies(t -> assertThat(t.configs()).containsEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                        Integer.toString(Topics.MONITORS_MAX_MESSAGE_BYTES)));
    }

    @Test
    void aChangedPartitionCountOrConfigIsAnotherTemplate() {
        List<NewTopic> layout = StackTopics.all();
        List<NewTopic> morePartitions = new ArrayList<>(layout);
        morePartitions.set(1, new NewTopic(Topics.REQUESTS, 16, (short) 1));
        List<NewTopic> otherConfig = new ArrayList<>(layout);
        otherConfig.set(0, new NewTopic(Topics.INTAKE, layout.get(0).numPartitions(), (short) 1)
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "1000")));

        assertThat(StackTopics.fingerprint(layout)).isEqualTo(StackTopics.fingerprint(StackTopics.all()))
                .isEqualTo(StackTopics.fingerprint()).matches("[0-9a-f]{12}");
        assertThat(StackTopics.fingerprint(morePartitions)).isNotEqualTo(StackTopics.fingerprint(layout));
        assertThat(StackTopics.fingerprint(otherConfig)).isNotEqualTo(StackTopics.fingerprint(layout))
                .isNotEqualTo(StackTopics.fingerprint(morePartitions));
    }
}
