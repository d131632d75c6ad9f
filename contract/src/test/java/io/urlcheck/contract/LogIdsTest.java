package io.urlcheck.contract;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LogIdsTest {

    @Test
    void aResultsScopeNamesItsJobRequestAndCheckAndLeavesNothingBehind() {
        CheckRequest request = new CheckRequest(CheckRequest.SCHEMA_VERSION, "job-7:abc:1", "job-7", "http://a.example/",
                "http://a.example/", "a.example", Instant.parse("2026-12-04T00:00:00Z"));
        CheckResult result = CheckResult.builder().answering(request).outcome(Outcome.OK)
                .checkedAt(Instant.parse("2026-12-04T00:00:01Z")).build();

        try (LogIds.Scope ids = LogIds.of(result)) {
            assertThat(MDC.get(LogIds.JOB_ID)).isEqualTo("job-7");
            assertThat(MDC.get(LogIds.REQUEST_ID)).isEqualTo("job-7:abc:1");
            assertThat(MDC.get(LogIds.CHECK_ID)).isEqualTo(result.checkId());
        }
        assertThat(MDC.get(LogIds.JOB_ID)).isNull();
        assertThat(MDC.get(LogIds.REQUEST_ID)).isNull();
        assertThat(MDC.get(LogIds.CHECK_ID)).isNull();
    }

    @Test
    void aJobsScopeClearsTheIdsOfAnEarlierCheckLeftOnTheThread() {
        MDC.put(LogIds.CHECK_ID, "stale");
        try (LogIds.Scope ids = LogIds.ofJob("job-8")) {
            assertThat(MDC.get(LogIds.JOB_ID)).isEqualTo("job-8");
            assertThat(MDC.get(LogIds.CHECK_ID)).isNull();
        }
    }
}
