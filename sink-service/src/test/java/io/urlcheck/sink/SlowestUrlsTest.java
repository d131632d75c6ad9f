package io.urlcheck.sink;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class SlowestUrlsTest {

    @Test
    void theSlowestAreThoseASortedSetOfEveryUrlWouldNameThroughAddsAndRemoves() {
        Random random = new Random(11);
        SlowestUrls slowest = new SlowestUrls();
        TreeSet<Summary.Slow> everyUrl = new TreeSet<>(SummaryCalculator.SLOW_ORDER);
        Map<String, Long> timeOf = new HashMap<>();
        for (int step = 0; step < 20_000; step++) {
            String url = "http://h" + random.nextInt(50) + ".test/" + random.nextInt(40);
            Long before = timeOf.get(url);
            if (before != null) {
                slowest.remove(url, before);
                everyUrl.remove(new Summary.Slow(url, before));
                timeOf.remove(url);
            }
            if (random.nextInt(4) > 0) {
                long ms = random.nextInt(30); // few distinct times: groups of many URLs, and many ties
                slowest.add(url, ms);
                everyUrl.add(new Summary.Slow(url, ms));
                timeOf.put(url, ms);
            }
            if (step % 500 == 0) {
                assertThat(slowest.top(Summary.TOP)).isEqualTo(everyUrl.stream().limit(Summary.TOP).toList());
            }
        }
        assertThat(slowest.top(Summary.TOP)).hasSize(Summary.TOP).isEqualTo(everyUrl.stream().limit(Summary.TOP).toList());
    }

    @Test
    void fewerUrlsThanAskedAreAllNamedAndAnEmptyOneNamesNone() {
        SlowestUrls slowest = new SlowestUrls();
        assertThat(slowest.top(Summary.TOP)).isEmpty();
        slowest.add("http://a.test/", 5);
        slowest.add("http://b.test/", 5);
        slowest.add("http://c.test/", 9);
        slowest.remove("http://c.test/", 9);

        assertThat(slowest.top(Summary.TOP)).isEqualTo(List.of(new Summary.Slow("http://b.test/", 5), new Summary.Slow("http://a.test/", 5)));
    }
}
