package io.urlcheck.producer.monitor;

import io.urlcheck.contract.Monitor;
import io.urlcheck.contract.Schedule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MonitorSchedulerTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    /** A tick log in memory that can be told to fail, and the runs submitted, in order. */
    private static final class Fakes implements TickLog, MonitorRuns {
        final Map<String, Instant> log = new HashMap<>();
        final List<String> events = new ArrayList<>();
        boolean logFails;
        boolean runsFail;

        @Override
        public Instant lastTick(String monitor) {
            return log.get(monitor);
        }

        @Override
        public void record(String monitor, Instant tick) {
            if (logFails) {
                throw new IllegalStateException("broker down");
            }
            log.put(monitor, tick);
            events.add("tick " + monitor + " " + tick);
        }

        @Override
        public void submit(Monitor monitor, Instant tick) {
            if (runsFail) {
                throw new IllegalStateException("broker down");
            }
            events.add("run " + monitor.name() + " " + tick);
        }
    }

    private static Monitor every(String name, String interval) {
        return new Monitor(name, Schedule.every(interval), List.of("https://example.com/"), null, null, null, null);
    }

    private final Fakes fakes = new Fakes();
    private final MonitorScheduler scheduler = new MonitorScheduler(fakes, fakes);

    @Test
    void aNewMonitorFiresItsCurrentTickAtOnce() {
        scheduler.fireDue(List.of(every("docs", "5m")), T0.plusSeconds(100));

        assertThat(fakes.events).containsExactly("tick docs " + T0, "run docs " + T0);
    }

    @Test
    void aTickFiresOnceAndTheNextWhenItIsDue() {
        Monitor docs = every("docs", "1m");
        scheduler.fireDue(List.of(docs), T0);
        scheduler.fireDue(List.of(docs), T0.plusSeconds(30));
        scheduler.fireDue(List.of(docs), T0.plusSeconds(59));
        scheduler.fireDue(List.of(docs), T0.plusSeconds(60));
        scheduler.fireDue(List.of(docs), T0.plusSeconds(61));

        assertThat(fakes.events).containsExactly("tick docs " + T0, "run docs " + T0,
                "tick docs " + T0.plusSeconds(60), "run docs " + T0.plusSeconds(60));
    }

    @Test
    void ticksMissedWhileNobodyRanCollapseIntoTheLatest() {
        Monitor docs = every("docs", "1m");
        fakes.log.put("docs", T0);

        scheduler.fireDue(List.of(docs), T0.plus(Duration.ofMinutes(10)).plusSeconds(5));

        assertThat(fakes.events).containsExactly("tick docs " + T0.plus(Duration.ofMinutes(10)),
                "run docs " + T0.plus(Duration.ofMinutes(10)));
    }

    @Test
    void aTickAnEarlierOwnerRecordedIsNotFiredAgain() {
        fakes.log.put("docs", T0);

        scheduler.fireDue(List.of(every("docs", "1m")), T0.plusSeconds(59));

        assertThat(fakes.events).isEmpty();
    }

    @Test
    void theTickIsRecordedBeforeTheRunIsSubmittedAndNotFiredWhenItCannotBe() {
        Monitor docs = every("docs", "1m");
        fakes.logFails = true;
        scheduler.fireDue(List.of(docs), T0);
        assertThat(fakes.events).isEmpty();

        fakes.logFails = false;
        scheduler.fireDue(List.of(docs), T0.plusSeconds(1));
        assertThat(fakes.events).containsExactly("tick docs " + T0, "run docs " + T0);
    }

    @Test
    void aRunThatCouldNotBeSubmittedIsRetriedUnderTheSameTick() {
        Monitor docs = every("docs", "1m");
        fakes.runsFail = true;
        scheduler.fireDue(List.of(docs), T0);
        fakes.runsFail = false;
        scheduler.fireDue(List.of(docs), T0.plusSeconds(1));
        scheduler.fireDue(List.of(docs), T0.plusSeconds(2));

        assertThat(fakes.events).containsExactly("tick docs " + T0, "run docs " + T0);
    }

    @Test
    void aMonitorDeletedAndAddedAgainFiresAtOnce() {
        scheduler.fireDue(List.of(every("docs", "1m")), T0);
        scheduler.fireDue(List.of(), T0.plusSeconds(10));
        fakes.log.remove("docs");

        scheduler.fireDue(List.of(every("docs", "1m")), T0.plusSeconds(20));

        assertThat(fakes.events).containsExactly("tick docs " + T0, "run docs " + T0, "tick docs " + T0, "run docs " + T0);
    }

    @Test
    void theNextTickIsNowWhenDueElseTheFirstAfterNow() {
        Schedule fiveMinutes = Schedule.every("5m");

        assertThat(Ticks.next(fiveMinutes, null, T0.plusSeconds(7))).isEqualTo(T0.plusSeconds(7));
        assertThat(Ticks.next(fiveMinutes, T0, T0.plusSeconds(7))).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(Ticks.next(Schedule.cron("0 9 * * *"), Instant.parse("2026-12-05T09:00:00Z"), T0))
                .isEqualTo(Instant.parse("2026-12-06T09:00:00Z"));
    }
}
