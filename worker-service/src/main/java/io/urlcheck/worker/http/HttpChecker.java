package io.urlcheck.worker.http;

import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.Outcome;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import org.jsoup.Jsoup;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Checks one URL with the non-blocking Vert.x HTTP client (first walk: one GET, status and title). */
public class HttpChecker {

    private final HttpClient client;
    private final long timeoutMs;
    private final String workerId;

    public HttpChecker(Vertx vertx, long timeoutMs, String workerId) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) timeoutMs));
        this.timeoutMs = timeoutMs;
        this.workerId = workerId;
    }

    /** Runs the check; the stage always completes with a result, never exceptionally. */
    public CompletionStage<CheckResult> check(CheckRequest request) {
        long start = System.nanoTime();
        CompletableFuture<CheckResult> done = new CompletableFuture<>();
        client.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(request.url()).setTimeout(timeoutMs))
                .compose(req -> req.send().compose(resp -> resp.body().map(body -> result(request, start)
                        .statusCode(resp.statusCode())
                        .outcome(resp.statusCode() < 400 ? Outcome.OK : Outcome.HTTP_ERROR)
                        .contentType(resp.getHeader("Content-Type"))
                        .title(title(body))
                        .build())))
                .onSuccess(done::complete)
                .onFailure(e -> done.complete(result(request, start).outcome(Outcome.CONNECTION_ERROR)
                        .error(String.valueOf(e.getMessage())).build()));
        return done;
    }

    private CheckResult.Builder result(CheckRequest request, long start) {
        return CheckResult.builder().answering(request).finalUrl(request.url()).attempts(1).workerId(workerId)
                .responseTimeMs((System.nanoTime() - start) / 1_000_000).checkedAt(Instant.now());
    }

    private static String title(Buffer body) {
        String t = Jsoup.parse(body.toString()).title();
        return t.isBlank() ? null : t;
    }
}
