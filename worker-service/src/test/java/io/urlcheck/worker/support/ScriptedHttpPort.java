package io.urlcheck.worker.support;

import io.urlcheck.contract.Outcome;
import io.urlcheck.worker.HopRequest;
import io.urlcheck.worker.HopResult;
import io.urlcheck.worker.HttpPort;
import io.urlcheck.worker.TargetUrl;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * An {@link HttpPort} that answers from a script instead of a socket: each URL has a queue of answers, given
 * in order, the last one repeated. An answer may take fake time ({@link FakeTime}) or never come, so
 * redirects, retries and deadlines are tested fast and exactly. Every call is recorded.
 */
public final class ScriptedHttpPort implements HttpPort {

    private final FakeTime time;
    private final Map<String, Deque<Supplier<CompletableFuture<HopResult>>>> script = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();

    /** One request the engine made, and what it sent ({@code hop}: method, headers, certificate checking). */
    public record Call(String url, InetAddress address, long deadlineNanos, long atNanos, HopRequest hop) {
    }

    public ScriptedHttpPort(FakeTime time) {
        this.time = time;
    }

    /** {@code url} answers {@code status} with {@code headers} (name, value, ...) and no body. */
    public ScriptedHttpPort answer(String url, int status, String... headers) {
        return then(url, () -> CompletableFuture.completedFuture(response(status, "", headers)));
    }

    /** {@code url} answers 200 with an HTML page titled {@code title}. */
    public ScriptedHttpPort page(String url, String title) {
        String html = "<html><head><title>" + title + "</title></head><body>x</body></html>";
        return then(url, () -> CompletableFuture.completedFuture(response(200, html, "content-type", "text/html; charset=utf-8")));
    }

    /** {@code url} fails with {@code outcome} (a connection refused, a reset...). */
    public ScriptedHttpPort fail(String url, Outcome outcome, String reason) {
        return then(url, () -> CompletableFuture.completedFuture(new HopResult.Failure(outcome, reason)));
    }

    /** {@code url} fails with {@code outcome} before a connection was open (refused, unreachable): nothing was sent. */
    public ScriptedHttpPort failConnecting(String url, Outcome outcome, String reason) {
        return then(url, () -> CompletableFuture.completedFuture(new HopResult.Failure(outcome, reason).whileConnecting()));
    }

    /** {@code url} answers {@code status}, after {@code nanos} of fake time have passed on the way. */
    public ScriptedHttpPort slowAnswer(String url, long nanos, int status, String... headers) {
        return then(url, () -> {
            time.advance(Duration.ofNanos(nanos));
            return CompletableFuture.completedFuture(response(status, "", headers));
        });
    }

    /** {@code url} answers {@code status} with {@code headers} when the test completes the returned future, not before. */
    public CompletableFuture<Void> heldAnswer(String url, int status, String... headers) {
        CompletableFuture<Void> go = new CompletableFuture<>();
        then(url, () -> go.thenApply(v -> response(status, "", headers)));
        return go;
    }

    private ScriptedHttpPort then(String url, Supplier<CompletableFuture<HopResult>> answer) {
        script.computeIfAbsent(url, u -> new ArrayDeque<>()).add(answer);
        return this;
    }

    @Override
    public synchronized CompletableFuture<HopResult> send(TargetUrl url, InetAddress address, HopRequest hop, long deadlineNanos) {
        calls.add(new Call(url.url(), address, deadlineNanos, time.nanoTime(), hop));
        Deque<Supplier<CompletableFuture<HopResult>>> answers = script.get(url.url());
        if (answers == null || answers.isEmpty()) {
            throw new AssertionError("the script has no answer for " + url.url());
        }
        Supplier<CompletableFuture<HopResult>> answer = answers.size() > 1 ? answers.poll() : answers.peek();
        return answer.get();
    }

    /** Every request made so far, in order. */
    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The URLs requested so far, in order. */
    public synchronized List<String> requested() {
        return calls.stream().map(Call::url).toList();
    }

    private static HopResult.Response response(int status, String body, String... headers) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            map.put(headers[i].toLowerCase(Locale.ROOT), headers[i + 1]);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new HopResult.Response(status, map, bytes, bytes.length, false, null, 1_000_000L, null, null);
    }
}
