package io.urlcheck.worker.messaging;

import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Maps each item of a stream to an asynchronous result, with at most {@code window} items taken from
 * upstream and not yet emitted, and emits the results in completion order (a null result is dropped).
 * It does what Mutiny's {@code transformToUni(...).merge(window)} does, at constant cost per item:
 * Mutiny's merge scans every unfinished inner stream on each emission, which with a window of
 * thousands took a quarter of the worker's CPU. Upstream demand is {@code window} at first, then one
 * more per item emitted or dropped, so the window bounds what is taken from Kafka.
 */
final class BoundedMerge<T, R> implements Flow.Publisher<R> {

    private final Flow.Publisher<T> upstream;
    private final Function<T, CompletionStage<R>> mapper;
    private final int window;

    BoundedMerge(Flow.Publisher<T> upstream, Function<T, CompletionStage<R>> mapper, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be positive");
        }
        this.upstream = upstream;
        this.mapper = mapper;
        this.window = window;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super R> downstream) {
        upstream.subscribe(new Main<>(downstream, mapper, window));
    }

    private static final class Main<T, R> implements Flow.Subscriber<T>, Flow.Subscription {
        private final Flow.Subscriber<? super R> downstream;
        private final Function<T, CompletionStage<R>> mapper;
        private final int window;
        private final Queue<R> ready = new ConcurrentLinkedQueue<>();
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private final AtomicInteger dropped = new AtomicInteger();
        private final AtomicInteger unfinished = new AtomicInteger();
        private volatile Flow.Subscription subscription;
        private volatile boolean upstreamDone;
        private volatile Throwable failure;
        private volatile boolean cancelled;
        private boolean terminated; // guarded by the drain loop

        Main(Flow.Subscriber<? super R> downstream, Function<T, CompletionStage<R>> mapper, int window) {
            this.downstream = downstream;
            this.mapper = mapper;
            this.window = window;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            downstream.onSubscribe(this);
            s.request(window);
        }

        @Override
        public void onNext(T item) {
            unfinished.incrementAndGet();
            CompletionStage<R> stage;
            try {
                stage = mapper.apply(item);
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            stage.whenComplete((result, error) -> {
                if (error != null) {
                    fail(error);
                    return;
                }
                if (result == null) {
                    unfinished.decrementAndGet();
                    dropped.incrementAndGet();
                } else {
                    ready.offer(result);
                }
                drain();
            });
        }

        @Override
        public void onError(Throwable t) {
            fail(t);
        }

        @Override
        public void onComplete() {
            upstreamDone = true;
            drain();
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                fail(new IllegalArgumentException("request must be positive, was " + n));
                return;
            }
            requested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }

        private void fail(Throwable t) {
            if (failure == null) {
                failure = t;
            }
            drain();
        }

        /** Emits what is ready and due, one thread at a time; asks upstream for one item per slot freed. */
        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                if (terminated || cancelled) {
                    ready.clear();
                } else if (failure != null) {
                    terminated = true;
                    ready.clear();
                    subscription.cancel();
                    downstream.onError(failure);
                } else {
                    long due = requested.get();
                    long emitted = 0;
                    R next;
                    while (emitted != due && (next = ready.poll()) != null) {
                        unfinished.decrementAndGet();
                        downstream.onNext(next);
                        emitted++;
                    }
                    if (emitted != 0 && due != Long.MAX_VALUE) {
                        requested.addAndGet(-emitted);
                    }
                    long freed = emitted + dropped.getAndSet(0);
                    if (upstreamDone && unfinished.get() == 0 && ready.isEmpty()) {
                        terminated = true;
                        downstream.onComplete();
                    } else if (freed > 0 && !upstreamDone) {
                        subscription.request(freed);
                    }
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }
    }
}
