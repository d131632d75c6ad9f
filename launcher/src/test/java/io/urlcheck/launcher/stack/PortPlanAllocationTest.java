package io.urlcheck.launcher.stack;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@link PortPlan#of} adds to the fixed ports: checks that they are free, and free ports for the rest. */
class PortPlanAllocationTest {

    /** A listener the stack does not know how to configure: only its port matters here. */
    private static final BrokerListener LISTENER = new BrokerListener() {
        @Override
        public String name() {
            return "EXTRA";
        }

        @Override
        public String securityProtocol() {
            return "PLAINTEXT";
        }

        @Override
        public Map<String, String> brokerProperties() {
            return Map.of();
        }

        @Override
        public Map<String, String> clientProperties() {
            return Map.of();
        }
    };

    private static StackConfig.Builder free() {
        return StackConfig.builder(Path.of("."), Path.of("run"));
    }

    @Test
    void aGivenPortSomethingListensOnIsRefusedNamingItsOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(Ports.free())) {
            StackConfig config = free().producerPort(taken.getLocalPort()).build();

            assertThatThrownBy(() -> PortPlan.of(config)).isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " (producer API)")
                    .hasMessageContaining("--producer-port");
        }
    }

    @Test
    void aTakenPortAFurtherWorkerWouldGetIsRefusedAsTheWorkersPort() throws Exception {
        int first = Ports.free();
        try (ServerSocket taken = new ServerSocket(first + 1)) {
            StackConfig config = free().workers(2).workerPort(first).build();

            assertThatThrownBy(() -> PortPlan.of(config)).isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("(worker 2 HTTP)").hasMessageContaining("--worker-port");
        }
    }

    @Test
    void aFixedPlanWithAFreeWorkerPortPlansNoWorkerPortYet() {
        PortPlan plan = PortPlan.fixed(free().workers(3).build());

        assertThat(plan.workers()).isEmpty();
        assertThat(plan.entries()).isEmpty();
    }

    @Test
    void everyPartLeftAtZeroGetsAFreePortFromTheLaunchersRange() {
        PortPlan plan = PortPlan.of(free().workers(2).build());

        assertThat(plan.entries()).extracting(PortPlan.Entry::port)
                .allSatisfy(port -> assertThat(port).isBetween(Ports.FIRST_FREE, Ports.FIRST_FREE + Ports.FREE_SPAN - 1));
        assertThat(plan.entries()).extracting(PortPlan.Entry::what)
                .containsExactlyInAnyOrder("Kafka", "producer API", "sink API", "worker 1 HTTP", "worker 2 HTTP",
                        "Kafka controller");
    }

    @Test
    void aSecondBrokerListenerGetsAFreePortOfItsOwn() {
        PortPlan plan = PortPlan.of(free().listener(LISTENER).build());

        assertThat(plan.listener()).isNotIn(plan.kafka(), plan.controller(), plan.producer(), plan.sink(), plan.worker(1));
    }

    @Test
    void aStackWithoutASecondListenerHasNoPortForIt() {
        PortPlan plan = PortPlan.of(free().build());

        assertThatThrownBy(plan::listener).isInstanceOf(IllegalStateException.class)
                .hasMessage("Kafka listener has no port in this plan");
    }

    @Test
    void noPortIsLeftAboveTheLastForAnotherWorker() {
        assertThatThrownBy(() -> free().workers(2).workerPort(65_535).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no port left above --worker-port 65535 for worker 2");
    }
}
