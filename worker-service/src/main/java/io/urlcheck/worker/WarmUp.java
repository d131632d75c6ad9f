package io.urlcheck.worker;

import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Outcome;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A new worker's first checks, made against a target of its own before it takes any partition, so that the
 * first real records do not wait on cold code. A fresh JVM runs the check path (request decoding, the
 * limiter, the HTTP client, title extraction, result encoding) interpreted and loads its classes on first
 * use: with four cold workers on two cores, that held one worker's event loop for 2 s and its first results
 * 3-5 s after the first records came (bench/README.md, finding 22). Every request and result goes through
 * the wire codec, as a record's would. The warm-up only measures itself: nothing it does is published,
 * counted in the worker's metrics or able to fail the start.
 */
public final class WarmUp {

    /** What the warm-up did: checks started and finished, how each finished, and how long it took. */
    public record Report(int started, int finished, Map<Outcome, Integer> outcomes, Duration took) {
    }

    private final CheckEngine engine;
    private final LongSupplier nanoClock;

    /** A warm-up through {@code engine}, which must be the worker's engine code built for the warm-up's target. */
    public WarmUp(CheckEngine engine, LongSupplier nanoClock) {
        this.engine = engine;
        this.nanoClock = nanoClock;
    }

    /**
     * Checks {@code urls} round robin, {@code checks} in all and {@code inFlight} at a time; returns when all
     * are done or {@code timeout} after its start, whichever is first (later only if starting the first
     * checks, on this thread, took longer). Past the timeout no further check starts, and those still in
     * flight end on their own deadlines.
     */
    public Report run(List<String> urls, int checks, int inFlight, Duration timeout) throws InterruptedException {
        if (urls.isEmpty() || checks < 1 || inFlight < 1) {
            throw new IllegalArgumentException("a warm-up needs URLs, checks and slots");
        }
        Run run = new Run(urls, checks);
        long start = nanoClock.getAsLong();
        for (int i = 0; i < Math.min(inFlight, checks); i++) {
            run.startNext();
        }
        // The first checks start on this thread and load the path's classes first: the wait gets what they left.
        run.done.await(Math.max(0, start + timeout.toNanos() - nanoClock.getAsLong()), TimeUnit.NANOSECONDS);
        run.stopped.set(true);
        Duration took = Duration.ofNanos(nanoClock.getAsLong() - start);
        synchronized (run.outcomes) {
            return new Report(Math.min(run.next.get(), checks), (int) (checks - run.done.getCount()),
                    Map.copyOf(run.outcomes), took);
        }
    }

    /** One warm-up's state, shared by the event loops its checks complete on. */
    private final class Run {
        private final List<String> urls;
        private final int checks;
        private final AtomicInteger next = new AtomicInteger(); // the next check's number; past checks, it starts none
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final CountDownLatch done;
        private final Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);

        Run(List<String> urls, int checks) {
            this.urls = urls;
            this.checks = checks;
            this.done = new CountDownLatch(checks);
        }

        void startNext() {
            if (stopped.get()) {
                return;
            }
            int n = next.getAndIncrement();
            if (n >= checks) {
                return;
            }
            String url = urls.get(n % urls.size());
            CheckRequest request = new CheckRequest(CheckRequest.SCHEMA_VERSION, "warm-up-" + n, "warm-up", url, url,
                    TargetUrl.parse(url).host(), Instant.now());
            engine.check(JsonCodec.decode(JsonCodec.encode(request), CheckRequest.class)).whenComplete(this::finished);
        }

        private void finished(CheckResult result, Throwable error) {
            Outcome outcome = result == null ? Outcome.CONNECTION_ERROR : result.outcome();
            if (result != null) {
                JsonCodec.encode(result);
            }
            synchronized (outcomes) { // with the count, so a report's outcomes add up to its checks done
                outcomes.merge(outcome, 1, Integer::sum);
                done.countDown();
            }
            startNext();
        }
    }
}
