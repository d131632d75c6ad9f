package io.urlcheck.worker.messaging;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedMergeTest {

    @Test
    void takesAtMostTheWindowUntilResultsAreEmitted() {
        AtomicLong demanded = new AtomicLong();
        List<CompletableFuture<Integer>> started = new ArrayList<>();
        Multi<Integer> source = Multi.createFrom().range(0, 100).onRequest().invoke(demanded::addAndGet);
        Multi<Integer> merged = Multi.createFrom().publisher(new BoundedMerge<Integer, Integer>(source, i -> {
            CompletableFuture<Integer> f = new CompletableFuture<>();
            started.add(f);
            return f;
        }, 5));

        AssertSubscriber<Integer> results = merged.subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        assertThat(started).hasSize(5);
        assertThat(demanded.get()).isEqualTo(5);
        started.get(3).complete(3);
        assertThat(results.getItems()).containsExactly(3);
        assertThat(started).hasSize(6);
    }

    @Test
    void emitsInCompletionOrderAndDropsNullResults() {
        List<CompletableFuture<Integer>> started = new ArrayList<>();
        Multi<Integer> merged = Multi.createFrom().publisher(new BoundedMerge<Integer, Integer>(
                Multi.createFrom().range(0, 4), i -> {
                    CompletableFuture<Integer> f = new CompletableFuture<>();
                    started.add(f);
                    return f;
                }, 10));
        AssertSubscriber<Integer> results = merged.subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        started.get(2).complete(2);
        started.get(0).complete(null);
        started.get(3).complete(3);
        started.get(1).complete(1);

        results.assertCompleted();
        assertThat(results.getItems()).containsExactly(2, 3, 1);
    }

    @Test
    void holdsResultsUntilDownstreamAsks() {
        Multi<Integer> merged = Multi.createFrom().publisher(new BoundedMerge<Integer, Integer>(
                Multi.createFrom().range(0, 3), CompletableFuture::completedFuture, 3));
        AssertSubscriber<Integer> results = merged.subscribe().withSubscriber(AssertSubscriber.create(1));

        assertThat(results.getItems()).containsExactly(0);
        results.request(5);
        results.assertCompleted();
        assertThat(results.getItems()).containsExactly(0, 1, 2);
    }

    @Test
    void aFailedResultFailsTheStream() {
        Multi<Integer> merged = Multi.createFrom().publisher(new BoundedMerge<Integer, Integer>(
                Multi.createFrom().range(0, 3), i -> CompletableFuture.failedFuture(new IllegalStateException("boom")), 3));

        AssertSubscriber<Integer> results = merged.subscribe().withSubscriber(AssertSubscriber.create(10));

        results.assertFailedWith(IllegalStateException.class, "boom");
    }
}
