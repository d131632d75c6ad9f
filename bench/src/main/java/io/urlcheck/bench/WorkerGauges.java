package io.urlcheck.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples the worker's own limiter gauges from {@code /q/metrics} during a run: checks in flight,
 * waiting for a slot, hosts active and requests pending. The means over the checking window show
 * whether the worker actually kept its {@code max-in-flight} busy, or starved for work it could start.
 */
final class WorkerGauges {

    static final List<String> NAMES = List.of("urlcheck_worker_in_flight", "urlcheck_worker_queued",
            "urlcheck_worker_hosts_active", "urlcheck_worker_pending", "urlcheck_worker_host_queue_depth_max");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final HttpRequest request;
    private final Map<String, double[]> sums = new LinkedHashMap<>();
    private int samples;

    WorkerGauges(int port) {
        this.request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics"))
                .timeout(Duration.ofSeconds(2)).build();
    }

    /** Takes one sample; a failed scrape is skipped (the figures are diagnostic, not the measurement). */
    void sample() {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return;
            }
            boolean any = false;
            for (String line : r.body().split("\n")) {
                for (String name : NAMES) {
                    if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                        double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                        sums.computeIfAbsent(name, k -> new double[1])[0] += v;
                        any = true;
                    }
                }
            }
            if (any) {
                samples++;
            }
        } catch (IOException | RuntimeException e) {
            // the worker may be busy or shutting down; this sample is simply missing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Mean of each gauge over the samples taken, plus the sample count. */
    Map<String, Object> means() {
        Map<String, Object> m = new LinkedHashMap<>();
        sums.forEach((k, v) -> m.put(k.replace("urlcheck_worker_", ""), Stats.round(v[0] / Math.max(samples, 1), 1)));
        m.put("samples", samples);
        return m;
    }
}
