package io.urlcheck.sink;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryCacheTest {

    private static Summary summary(long total) {
        return new Summary(total, Map.of(), Map.of(), new Summary.Latency(null, null, null), List.of(), List.of());
    }

    @Test
    void reusesASummaryUntilTheStoreChanges() {
        SummaryCache cache = new SummaryCache(Duration.ofMinutes(1));
        AtomicInteger computed = new AtomicInteger();

        assertThat(cache.get(null, 1, () -> summary(computed.incrementAndGet())).total()).isEqualTo(1);
        assertThat(cache.get(null, 1, () -> summary(computed.incrementAndGet())).total()).isEqualTo(1);
        assertThat(cache.get("job", 1, () -> summary(computed.incrementAndGet())).total()).isEqualTo(2);
        assertThat(cache.get(null, 2, () -> summary(computed.incrementAndGet())).total()).isEqualTo(3);
    }

    @Test
    void neverReusesASummaryOlderThanItsMaxAge() {
        SummaryCache cache = new SummaryCache(Duration.ZERO);
        AtomicInteger computed = new AtomicInteger();
        cache.get(null, 1, () -> summary(computed.incrementAndGet()));
        assertThat(cache.get(null, 1, () -> summary(computed.incrementAndGet())).total()).isEqualTo(2);
    }
}
