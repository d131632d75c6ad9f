package io.urlcheck.systemtests.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Monitor;
import io.urlcheck.contract.MonitorEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The monitor REST shapes of #22 as an outside client calls them, with the deployment's bearer token: the
 * producer's {@code /api/monitors} and the sink's {@code /api/events} and {@code /api/results/lookup}.
 */
final class MonitorApi {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    /** A response: status and body as text. */
    record Reply(int status, String body) {

        /** The body as a JSON tree. */
        JsonNode json() {
            return MonitorApi.json(body);
        }
    }

    /** The body of {@code GET /api/results/lookup}. */
    record Lookup(CheckResult latest, List<CheckResult> history) {
    }

    /** One page of {@code GET /api/events}. */
    record EventPage(List<MonitorEvent> items, String nextCursor) {
    }

    private final String token;

    /** {@code text} as a JSON tree. */
    static JsonNode json(String text) {
        try {
            return JsonCodec.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    MonitorApi(String token) {
        this.token = token;
    }

    /** {@code POST /api/monitors} on the producer at {@code producer} with the monitor as JSON. */
    Reply add(String producer, Monitor monitor) {
        return send(request(producer + "/api/monitors").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JsonCodec.encode(monitor))));
    }

    /** {@code GET /api/monitors} of the producer (its monitors) or the sink (what it saw of them) at {@code service}. */
    Reply list(String service) {
        return send(request(service + "/api/monitors").GET());
    }

    /** {@code GET /api/monitors/{name}/runs} of the sink at {@code sink}: the monitor's runs, newest first. */
    Reply runs(String sink, String name) {
        return send(request(sink + "/api/monitors/" + name + "/runs?limit=100").GET());
    }

    /**
     * The value of the sample {@code name} whose labels include every one of {@code labels} on {@code service}'s
     * {@code /q/metrics}, or empty while there is none.
     */
    Optional<Double> metric(String service, String name, Map<String, String> labels) {
        Reply reply = send(HttpRequest.newBuilder(URI.create(service + "/q/metrics")).timeout(Duration.ofSeconds(15)).GET());
        for (String line : reply.body().split("\n")) {
            int brace = line.indexOf('{');
            int end = line.lastIndexOf('}');
            if (brace > 0 && end > brace && line.substring(0, brace).equals(name)
                    && labels.entrySet().stream().allMatch(l -> line.substring(brace, end).contains(l.getKey() + "=\"" + l.getValue() + "\""))) {
                return Optional.of(Double.parseDouble(line.substring(end + 1).strip()));
            }
        }
        return Optional.empty();
    }

    /** {@code DELETE /api/monitors/{name}} on the producer at {@code producer}. */
    Reply remove(String producer, String name) {
        return send(request(producer + "/api/monitors/" + name).DELETE());
    }

    /** Every event of {@code monitor} the sink at {@code sink} lists, newest first, following the cursor. */
    List<MonitorEvent> events(String sink, String monitor) {
        List<MonitorEvent> all = new ArrayList<>();
        String cursor = null;
        do {
            String query = "/api/events?monitor=" + encode(monitor) + "&limit=100"
                    + (cursor == null ? "" : "&cursor=" + encode(cursor));
            Reply reply = send(request(sink + query).GET());
            if (reply.status() != 200) {
                throw new IllegalStateException("GET " + query + " answered " + reply.status() + ": " + reply.body());
            }
            EventPage page = JsonCodec.decode(reply.body().getBytes(StandardCharsets.UTF_8), EventPage.class);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null && !cursor.isEmpty());
        return all;
    }

    /** The sink's history of {@code url}, newest first; empty while it holds none. */
    List<CheckResult> history(String sink, String url) {
        Reply reply = send(request(sink + "/api/results/lookup?url=" + encode(url)).GET());
        if (reply.status() == 404) {
            return List.of();
        }
        if (reply.status() != 200) {
            throw new IllegalStateException("lookup of " + url + " answered " + reply.status() + ": " + reply.body());
        }
        return JsonCodec.decode(reply.body().getBytes(StandardCharsets.UTF_8), Lookup.class).history();
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token);
    }

    private static Reply send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(built.method() + " " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + built.method() + " " + built.uri(), e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
