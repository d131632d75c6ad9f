package io.urlcheck.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link TargetServer} path answers: status, delay, headers and body. Immutable; each
 * {@code with...} method returns a changed copy, so a base response can be shared.
 */
public record TargetResponse(int status, Duration delay, Map<String, String> headers, byte[] body) {

    public TargetResponse {
        headers = Map.copyOf(headers);
    }

    /** 200 with an HTML page titled {@code title}. */
    public static TargetResponse page(String title) {
        return ok().withTitle(title);
    }

    /** 200 with an empty text body. */
    public static TargetResponse ok() {
        return status(200);
    }

    /** The given status with an empty text body. */
    public static TargetResponse status(int status) {
        return new TargetResponse(status, Duration.ZERO, Map.of("Content-Type", "text/plain; charset=utf-8"), new byte[0]);
    }

    /** A redirect ({@code status}, e.g. 301 or 302) to {@code location}, absolute or relative. */
    public static TargetResponse redirect(int status, String location) {
        return status(status).withHeader("Location", location);
    }

    /** The same response after waiting {@code delay} before the status line is sent. */
    public TargetResponse withDelay(Duration delay) {
        return new TargetResponse(status, delay, headers, body);
    }

    /** The same response with an HTML body whose {@code <title>} is {@code title}. */
    public TargetResponse withTitle(String title) {
        String html = "<!doctype html><html><head><title>" + title + "</title></head><body><p>"
                + title + "</p></body></html>";
        return withHeader("Content-Type", "text/html; charset=utf-8").withBody(html.getBytes(StandardCharsets.UTF_8));
    }

    /** The same response with {@code body} as its bytes. */
    public TargetResponse withBody(byte[] body) {
        return new TargetResponse(status, delay, headers, body);
    }

    /** The same response with one more (or a replaced) header. */
    public TargetResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new TargetResponse(status, delay, copy, body);
    }
}
