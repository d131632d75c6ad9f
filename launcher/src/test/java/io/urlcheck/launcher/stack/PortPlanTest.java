package io.urlcheck.launcher.stack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortPlanTest {

    private static StackConfig.Builder defaults(int workers) {
        return StackConfig.builder(Path.of("."), Path.of("run")).workers(workers)
                .kafkaPort(StackConfig.DEFAULT_KAFKA_PORT).producerPort(StackConfig.DEFAULT_PRODUCER_PORT)
                .workerPort(StackConfig.DEFAULT_WORKER_PORT).sinkPort(StackConfig.DEFAULT_SINK_PORT);
    }

    @Test
    void theDefaultPortsWithEightWorkersGiveTheSinkItsOwnPortAndTheWorkersTheNextOnes() {
        PortPlan plan = PortPlan.fixed(defaults(8).build());

        assertThat(plan.producer()).isEqualTo(8081);
        assertThat(plan.sink()).isEqualTo(8083);
        assertThat(plan.kafka()).isEqualTo(9092);
        assertThat(plan.workers()).containsExactly(8082, 8084, 8085, 8086, 8087, 8088, 8089, 8090);
        assertNoPortTwice(plan);
    }

    @Test
    void furtherWorkersSkipEveryPortAnotherPartOfTheStackHas() {
        PortPlan plan = PortPlan.fixed(defaults(4).workerPort(9090).kafkaPort(9092).sinkPort(9091).build());

        assertThat(plan.workers()).containsExactly(9090, 9093, 9094, 9095);
        assertNoPortTwice(plan);
    }

    @Test
    void aPortGivenToTwoPartsIsRefusedNamingBothOptions() {
        assertThatThrownBy(() -> defaults(1).producerPort(8083).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port 8083 would serve both the producer API (--producer-port) and the sink API"
                        + " (--sink-port); give each its own port");
        assertThatThrownBy(() -> defaults(1).workerPort(9092).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port 9092 would serve both the Kafka (--kafka-port) and the worker 1 HTTP (--worker-port)");
    }

    @Test
    void freePortsAreDistinctFromEachOtherAndFromEveryGivenPort() {
        int given = Ports.free();
        PortPlan plan = PortPlan.of(StackConfig.builder(Path.of("."), Path.of("run")).workers(8)
                .sinkPort(given).build());

        assertThat(plan.sink()).isEqualTo(given);
        assertThat(plan.workers()).hasSize(8);
        assertThat(plan.controller()).isPositive();
        assertNoPortTwice(plan);
    }

    @Test
    void anAddedWorkerGetsTheNextPortNoOtherPartHas() {
        PortPlan plan = PortPlan.of(StackConfig.builder(Path.of("."), Path.of("run")).workers(1)
                .workerPort(Ports.free()).build());
        int first = plan.worker(1);

        int added = plan.addWorker();

        assertThat(added).isGreaterThan(first);
        assertThat(plan.workers()).containsExactly(first, added);
        assertNoPortTwice(plan);
    }

    private static void assertNoPortTwice(PortPlan plan) {
        List<Integer> all = plan.entries().stream().map(PortPlan.Entry::port).toList();
        Set<Integer> distinct = new HashSet<>(all);
        assertThat(distinct).as("ports planned: %s", plan.entries()).hasSameSizeAs(all);
    }
}
