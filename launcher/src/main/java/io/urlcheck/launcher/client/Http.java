package io.urlcheck.launcher.client;

import io.urlcheck.contract.ApiHeaders;
import io.urlcheck.contract.JsonCodec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * The shared HTTP plumbing of the API clients: base URL, optional bearer token, JSON decoding, errors.
 * <p>
 * Blocking {@link HttpURLConnection}, not {@code java.net.http.HttpClient}: a command makes a few calls one
 * after another, and the JDK 17 {@code HttpClient} keeps a selector thread in {@code epoll_wait} that holds up
 * the JVM's exit by 300 ms (HotSpot waits that long for threads in native code), besides 0.2 s of its own
 * start-up. Every {@code submit}, {@code results} and {@code run} paid both. Connections are kept alive between
 * calls (a job follower polls every 100 ms), no proxy is used and no redirect is followed, as before.
 */
final class Http {

    private static final int CONNECT_TIMEOUT_MS = 5_000;
    /** Chunks of a streamed request body. */
    private static final int CHUNK_BYTES = 64 * 1024;

    private final String baseUrl;
    private final String token;
    private final String what;

    Http(String baseUrl, String token, String what) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.what = what;
    }

    /** A call's answer: its status and its whole body, error bodies included (empty when there is none). */
    record Answer(int status, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** GETs JSON and decodes it; 404 gives null, other errors an {@link ApiException}. */
    <T> T getJson(String pathAndQuery, Class<T> type) {
        Answer answer = get(pathAndQuery, "application/json");
        if (answer.status() == 404) {
            return null;
        }
        requireSuccess(answer.status(), "GET " + pathAndQuery, answer.text());
        return JsonCodec.decode(answer.body(), type);
    }

    /** GETs {@code pathAndQuery} and reads the whole answer, whatever its status. */
    Answer get(String pathAndQuery, String accept) {
        return call("GET", pathAndQuery, accept, Map.of(), null, Duration.ZERO);
    }

    /** DELETEs {@code pathAndQuery} and reads the whole answer, whatever its status. */
    Answer delete(String pathAndQuery, String accept) {
        return call("DELETE", pathAndQuery, accept, Map.of(), null, Duration.ZERO);
    }

    /**
     * POSTs the stream {@code body} opens, streamed in chunks (never held whole), with {@code headers}; waits up to
     * {@code timeout} for the answer once the body is sent (zero: no limit), and reads it whole.
     */
    Answer post(String pathAndQuery, Map<String, String> headers, Supplier<InputStream> body, Duration timeout) {
        return call("POST", pathAndQuery, "application/json", headers, body, timeout);
    }

    /** GETs a body as a stream, for JSON Lines and CSV exports; the caller closes it. */
    InputStream getStream(String pathAndQuery, String accept) {
        HttpURLConnection c = open("GET", pathAndQuery, accept, Map.of(), Duration.ZERO);
        try {
            int status = c.getResponseCode();
            if (status >= 300) {
                requireSuccess(status, "GET " + pathAndQuery, new String(readAll(c, status), StandardCharsets.UTF_8));
            }
            return c.getInputStream();
        } catch (IOException e) {
            throw failure("GET", pathAndQuery, e);
        }
    }

    private Answer call(String method, String pathAndQuery, String accept, Map<String, String> headers,
                        Supplier<InputStream> body, Duration timeout) {
        HttpURLConnection c = open(method, pathAndQuery, accept, headers, timeout);
        try {
            if (body != null) {
                sendBody(c, pathAndQuery, body);
            }
            int status = c.getResponseCode();
            return new Answer(status, readAll(c, status));
        } catch (IOException e) {
            throw failure(method, pathAndQuery, e);
        }
    }

    /**
     * Streams the body and ends it. A server may answer before it has read it all (a refused token, a body over its
     * limit) and close the connection; the write then fails, and its answer, when it arrived, is still read and
     * returned. A body that cannot be read to its end is never ended: the connection is dropped, so that the server
     * sees a broken request, never a complete shorter list.
     */
    private void sendBody(HttpURLConnection c, String pathAndQuery, Supplier<InputStream> body) throws IOException {
        c.setDoOutput(true);
        c.setChunkedStreamingMode(CHUNK_BYTES);
        byte[] buffer = new byte[CHUNK_BYTES];
        try (InputStream in = body.get()) {
            OutputStream out = c.getOutputStream();
            for (int n = read(c, in, buffer, pathAndQuery); n >= 0; n = read(c, in, buffer, pathAndQuery)) {
                try {
                    out.write(buffer, 0, n);
                } catch (IOException writeFailed) {
                    requireEarlyAnswer(c, writeFailed);
                    return;
                }
            }
            try {
                out.close(); // the last chunk: the body is complete
            } catch (IOException writeFailed) {
                requireEarlyAnswer(c, writeFailed);
            }
        }
    }

    private int read(HttpURLConnection c, InputStream in, byte[] buffer, String pathAndQuery) {
        try {
            return in.read(buffer);
        } catch (IOException readFailed) {
            c.disconnect();
            throw new ApiException("POST " + baseUrl + pathAndQuery + " abandoned: could not read what to send: "
                    + readFailed.getMessage(), readFailed);
        }
    }

    /** After a failed write: returns when the server has answered (it will be read), else rethrows the failure. */
    private static void requireEarlyAnswer(HttpURLConnection c, IOException writeFailed) throws IOException {
        try {
            c.getResponseCode();
        } catch (IOException noAnswer) {
            writeFailed.addSuppressed(noAnswer);
            throw writeFailed;
        }
    }

    private HttpURLConnection open(String method, String pathAndQuery, String accept, Map<String, String> headers,
                                   Duration timeout) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(baseUrl + pathAndQuery).toURL().openConnection(Proxy.NO_PROXY);
            c.setRequestMethod(method);
            c.setConnectTimeout(CONNECT_TIMEOUT_MS);
            c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            c.setInstanceFollowRedirects(false);
            c.setUseCaches(false);
            // Names the launcher: without a token the services take a text/plain POST only with this header,
            // which a cross-site form cannot send.
            c.setRequestProperty(ApiHeaders.CLIENT, "urlcheck-launcher");
            c.setRequestProperty("Accept", accept);
            if (token != null && !token.isBlank()) {
                c.setRequestProperty("Authorization", "Bearer " + token);
            }
            headers.forEach(c::setRequestProperty);
            return c;
        } catch (IOException | IllegalArgumentException e) {
            throw new ApiException(method + " " + baseUrl + pathAndQuery + " failed: " + e, e);
        }
    }

    /** The whole body of the answer: the error stream's for an error status, empty when there is none. */
    private static byte[] readAll(HttpURLConnection c, int status) throws IOException {
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            return in == null ? new byte[0] : in.readAllBytes();
        }
    }

    private ApiException failure(String method, String pathAndQuery, IOException e) {
        if (e instanceof ConnectException) {
            return new ApiException("cannot reach the " + what + " at " + baseUrl
                    + " (is ./urlcheck up running? change the address with --" + what + " URL)", e);
        }
        return new ApiException(method + " " + baseUrl + pathAndQuery + " failed: " + e, e);
    }

    void requireSuccess(int status, String call, String body) {
        if (status >= 300) {
            String detail = body == null ? "" : body.strip();
            if (detail.length() > 300) {
                detail = detail.substring(0, 300) + "...";
            }
            throw new ApiException(what + ": " + call + " answered " + status + (detail.isEmpty() ? "" : ": " + detail),
                    status);
        }
    }

    String base() {
        return baseUrl;
    }

    /** {@code ?a=1&b=2} from the non-null, non-blank entries, URL-encoded; empty when none. */
    static String query(Map<String, String> params) {
        StringJoiner joiner = new StringJoiner("&", "?", "");
        joiner.setEmptyValue("");
        params.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                joiner.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return joiner.toString();
    }
}
