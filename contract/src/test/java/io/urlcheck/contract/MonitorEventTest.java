package io.urlcheck.contract;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class MonitorEventTest {

    private static CheckResult result(String jobId, Outcome outcome, Integer status) {
        return CheckResult.builder()
                .checkId("c1").requestId("r1").jobId(jobId).input("https://example.com/a").url("https://example.com/a")
                .outcome(outcome).statusCode(status).checkedAt(Instant.parse("2026-12-05T10:05:01Z")).workerId("w")
                .build();
    }

    @Test
    void theSameResultAlwaysGivesTheSameEventIdAndAnotherRunAnother() {
        CheckResult broken = result("monitor:docs:1764929100", Outcome.HTTP_ERROR, 503);

        MonitorEvent once = MonitorEvent.of(MonitorEvent.Type.BROKEN, "docs", broken, null, "HTTP_ERROR 503");
        MonitorEvent again = MonitorEvent.of(MonitorEvent.Type.BROKEN, "docs", broken, null, "HTTP_ERROR 503");
        MonitorEvent nextRun = MonitorEvent.of(MonitorEvent.Type.BROKEN, "docs",
                result("monitor:docs:1764929400", Outcome.HTTP_ERROR, 503), null, "HTTP_ERROR 503");

        assertThat(once.id()).hasSize(32).isEqualTo(again.id()).isNotEqualTo(nextRun.id());
    }

    @Test
    void anEventCarriesAChatLineAndSurvivesTheWire() {
        CheckResult ok = result("monitor:docs:1764929100", Outcome.OK, 200);
        MonitorEvent.State before = new MonitorEvent.State(Outcome.HTTP_ERROR, 503, null, null, null);

        MonitorEvent recovered = MonitorEvent.of(MonitorEvent.Type.RECOVERED, "docs", ok, before, "OK 200 (was HTTP_ERROR 503)");

        assertThat(recovered.text()).isEqualTo("[docs] RECOVERED https://example.com/a: OK 200 (was HTTP_ERROR 503)");
        assertThat(recovered.current().brief()).isEqualTo("OK 200");
        assertThat(JsonCodec.decode(JsonCodec.encode(recovered), MonitorEvent.class)).isEqualTo(recovered);
    }
}
