package io.urlcheck.contract;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DaemonThreadsTest {

    @Test
    void anExecutorsThreadsAreDaemonsWithTheGivenName() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(DaemonThreads.named("urlcheck-test"));
        try {
            Thread thread = executor.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
            assertThat(thread.getName()).isEqualTo("urlcheck-test");
            assertThat(thread.isDaemon()).isTrue();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aStartedThreadRunsItsTaskAsANamedDaemon() throws Exception {
        CompletableFuture<Thread> ran = new CompletableFuture<>();
        Thread thread = DaemonThreads.start("urlcheck-started", () -> ran.complete(Thread.currentThread()));
        assertThat(ran.get(10, TimeUnit.SECONDS)).isSameAs(thread);
        assertThat(thread.getName()).isEqualTo("urlcheck-started");
        assertThat(thread.isDaemon()).isTrue();
    }
}
