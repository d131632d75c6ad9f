package io.urlcheck.launcher.stack;

import io.urlcheck.contract.testing.ManualClock;
import io.urlcheck.launcher.stack.Supervisor.Liveness;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Queue;

import static org.assertj.core.api.Assertions.assertThat;

/** When {@code up}'s supervisor restarts a part of the stack, and when it leaves it alone; looks driven by hand. */
class SupervisorTest {

    private static final Instant START = Instant.parse("2026-12-06T00:00:00Z");

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final ManualClock clock = new ManualClock(START);

    @Test
    void aChildWhoseJvmExitedIsRestartedAtOnceAndTheRestartIsSaid() {
        FakeChild worker = new FakeChild("worker-1");
        Supervisor supervisor = supervising(worker);

        supervisor.look();
        assertThat(worker.restarts).isZero();

        worker.exit(137);
        supervisor.look();

        assertThat(worker.restarts).isEqualTo(1);
        assertThat(output()).contains("urlcheck: worker-1 exited with code 137; restarting it (log: /logs/worker-1.log)")
                .contains("urlcheck: worker-1 restarted");
    }

    @Test
    void aServiceThatAnswersDownThreeLooksInARowIsRestartedAndTwoDownsThenUpAreForgotten() {
        FakeChild worker = new FakeChild("worker-1");
        Supervisor supervisor = supervising(worker);

        worker.answers(Liveness.DOWN, Liveness.DOWN, Liveness.UP, Liveness.DOWN, Liveness.DOWN);
        for (int i = 0; i < 5; i++) {
            supervisor.look();
        }
        assertThat(worker.restarts).as("never three DOWNs in a row").isZero();

        supervisor.look(); // the third DOWN in a row (answers run out: DOWN)
        assertThat(worker.restarts).isEqualTo(1);
        assertThat(output()).contains("worker-1 answered /q/health/live DOWN 3 times in a row; restarting it");
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeIsNeverRestarted() {
        FakeChild busy = new FakeChild("worker-1");
        busy.liveness = Liveness.NO_ANSWER;
        Supervisor supervisor = supervising(busy);

        for (int i = 0; i < 20; i++) {
            supervisor.look();
            clock.advance(Supervisor.PERIOD);
        }

        assertThat(busy.restarts).isZero();
        assertThat(output()).isEmpty();
    }

    @Test
    void aChildThatKeepsExitingIsRestartedAfterGrowingWaitsAndAtOnceAgainAfterTenHealthyMinutes() {
        FakeChild crashing = new FakeChild("sink");
        Supervisor supervisor = supervising(crashing);
        crashing.exit(1);
        crashing.restartLeavesItDead = true;

        supervisor.look();
        assertThat(crashing.restarts).as("the first restart at once").isEqualTo(1);
        clock.advance(Duration.ofSeconds(9));
        supervisor.look();
        assertThat(crashing.restarts).as("9 s later: backing off for 10 s").isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        supervisor.look();
        assertThat(crashing.restarts).isEqualTo(2);
        clock.advance(Duration.ofSeconds(19));
        supervisor.look();
        assertThat(crashing.restarts).as("then 20 s").isEqualTo(2);
        clock.advance(Duration.ofSeconds(1));
        supervisor.look();
        assertThat(crashing.restarts).isEqualTo(3);

        crashing.restartLeavesItDead = false;
        clock.advance(Duration.ofSeconds(40));
        supervisor.look();
        assertThat(crashing.restarts).isEqualTo(4);
        clock.advance(Duration.ofMinutes(10));
        supervisor.look(); // alive and live for 10 minutes since its last restart
        crashing.exit(1);
        supervisor.look();
        assertThat(crashing.restarts).as("a new failure after 10 healthy minutes is restarted at once").isEqualTo(5);
    }

    @Test
    void aRestartThatFailsIsSaidAndTriedAgainAfterTheBackoff() {
        FakeChild broker = new FakeChild("kafka");
        broker.exit(1);
        broker.restartFailure = "Kafka exited with code 1 while starting; see /logs/kafka.log\nmore lines";
        Supervisor supervisor = supervising(broker);

        supervisor.look();
        clock.advance(Duration.ofSeconds(10));
        supervisor.look();

        assertThat(broker.restarts).isEqualTo(2);
        assertThat(output()).contains("urlcheck: kafka did not restart: Kafka exited with code 1 while starting; see /logs/kafka.log")
                .doesNotContain("more lines");
    }

    @Test
    void theBackoffDoublesFromTenSecondsUpToFiveMinutes() {
        assertThat(List.of(1, 2, 3, 5, 6, 7, 40).stream().map(Supervisor::backoff).map(Duration::toSeconds).toList())
                .containsExactly(10L, 20L, 40L, 160L, 300L, 300L, 300L);
    }

    private Supervisor supervising(Supervisor.Child... children) {
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        return new Supervisor(List.of(children), out::println, clock);
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** A child that answers what the test says and counts its restarts. */
    private static final class FakeChild implements Supervisor.Child {
        private final String name;
        private final Queue<Liveness> answers = new ArrayDeque<>();
        private Liveness liveness = Liveness.UP;
        private Integer exitCode;
        private int restarts;
        private boolean restartLeavesItDead;
        private String restartFailure;

        FakeChild(String name) {
            this.name = name;
        }

        void exit(int code) {
            exitCode = code;
        }

        void answers(Liveness... next) {
            answers.addAll(List.of(next));
            liveness = Liveness.DOWN;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Optional<Integer> exitCode() {
            return Optional.ofNullable(exitCode);
        }

        @Override
        public Liveness liveness() {
            return answers.isEmpty() ? liveness : answers.poll();
        }

        @Override
        public void restart() {
            restarts++;
            if (restartFailure != null) {
                throw new StackException(restartFailure);
            }
            if (!restartLeavesItDead) {
                exitCode = null;
                liveness = Liveness.UP;
                answers.clear();
            }
        }

        @Override
        public Path logFile() {
            return Path.of("/logs/" + name + ".log");
        }
    }
}
