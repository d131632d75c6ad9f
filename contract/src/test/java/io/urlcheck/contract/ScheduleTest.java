package io.urlcheck.contract;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleTest {

    @Test
    void anIntervalTicksOnItsMultiplesSinceTheEpochSoEveryReplicaAgrees() {
        Schedule every5m = Schedule.every("5m");

        assertThat(every5m.latestTickAtOrBefore(Instant.parse("2026-12-05T10:07:31Z"))).isEqualTo("2026-12-05T10:05:00Z");
        assertThat(every5m.latestTickAtOrBefore(Instant.parse("2026-12-05T10:05:00Z"))).isEqualTo("2026-12-05T10:05:00Z");
        assertThat(every5m.firstTickAfter(Instant.parse("2026-12-05T10:05:00Z"))).isEqualTo("2026-12-05T10:10:00Z");
        assertThat(Schedule.every("3s").firstTickAfter(Instant.parse("2026-12-05T10:00:01.500Z"))).isEqualTo("2026-12-05T10:00:03Z");
    }

    @Test
    void aCronScheduleTicksWhereItsFieldsMatchInUtc() {
        Schedule weekdays = Schedule.cron("0 9 * * MON-FRI");

        // 2026-12-05 is a Saturday: the latest tick is Friday's.
        assertThat(weekdays.latestTickAtOrBefore(Instant.parse("2026-12-05T12:00:00Z"))).isEqualTo("2026-12-04T09:00:00Z");
        assertThat(weekdays.firstTickAfter(Instant.parse("2026-12-05T12:00:00Z"))).isEqualTo("2026-12-07T09:00:00Z");
        assertThat(Schedule.cron("*/15 * * * *").firstTickAfter(Instant.parse("2026-12-05T10:15:00Z"))).isEqualTo("2026-12-05T10:30:00Z");
        assertThat(Schedule.cron("30 2 29 2 *").latestTickAtOrBefore(Instant.parse("2026-12-05T00:00:00Z"))).isEqualTo("2024-02-29T02:30:00Z");
    }

    @Test
    void whenBothDayFieldsAreRestrictedEitherDayFiresAsVixieCronDoes() {
        CronExpression firstOrSunday = CronExpression.parse("0 0 1 * 0");

        assertThat(firstOrSunday.firstAfter(Instant.parse("2026-12-01T00:00:00Z"))).isEqualTo("2026-12-06T00:00:00Z");
        assertThat(CronExpression.parse("0 0 * * 7").firstAfter(Instant.parse("2026-12-01T00:00:00Z"))).isEqualTo("2026-12-06T00:00:00Z");
    }

    @Test
    void aScheduleThatDoesNotParseSaysWhichFieldIsWrong() {
        assertThatThrownBy(() -> Schedule.every("5 minutes")).hasMessageContaining("30s, 5m or 2h");
        assertThatThrownBy(() -> Schedule.every("0s")).hasMessageContaining("from 1s");
        assertThatThrownBy(() -> new Schedule(null, null)).hasMessageContaining("one of them");
        assertThatThrownBy(() -> new Schedule("5m", "* * * * *")).hasMessageContaining("one of them");
        assertThatThrownBy(() -> Schedule.cron("61 * * * *")).hasMessageContaining("cron minute must be 0 to 59");
        assertThatThrownBy(() -> Schedule.cron("* * * *")).hasMessageContaining("five fields");
        assertThatThrownBy(() -> Schedule.cron("* * * FOO *")).hasMessageContaining("cron month");
    }

    @Test
    void aScheduleTravelsAsJsonWithOnlyItsForm() {
        assertThat(JsonCodec.encodeToString(Schedule.every("5m"))).isEqualTo("{\"every\":\"5m\"}");
        assertThat(JsonCodec.decode("{\"cron\":\"0  9 * * *\"}".getBytes(), Schedule.class)).isEqualTo(Schedule.cron("0 9 * * *"));
    }
}
