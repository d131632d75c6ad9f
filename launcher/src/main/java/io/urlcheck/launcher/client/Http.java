package io.urlcheck.launcher.client;

import io.urlcheck.contract.ApiHeaders;
import io.urlcheck.contract.JsonCodec;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/** The shared HTTP plumbing of the API clients: base URL, optional bearer token, JSON decoding, errors. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final String baseUrl;
    private final String token;
    private final String what;

    Http(String baseUrl, String token, String what) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.what = what;
    }

    HttpRequest.Builder request(String pathAndQuery) {
        // Names the launcher: without a token the services take a text/plain POST only with this header,
        // which a cross-site form cannot send.
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .header(ApiHeaders.CLIENT, "urlcheck-launcher");
        if (token != null && !token.isBlank()) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return CLIENT.send(request, handler);
        } catch (ConnectException e) {
            throw new ApiException("cannot reach the " + what + " at " + baseUrl
                    + " (is ./urlcheck up running? change the address with --" + what + " URL)", e);
        } catch (IOException e) {
            throw new ApiException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted calling the " + what, e);
        }
    }

    /** GETs JSON and decodes it; 404 gives null, other errors an {@link ApiException}. */
    <T> T getJson(String pathAndQuery, Class<T> type) {
        HttpResponse<byte[]> response = send(request(pathAndQuery).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            return null;
        }
        requireSuccess(response.statusCode(), "GET " + pathAndQuery, new String(response.body(), StandardCharsets.UTF_8));
        return JsonCodec.decode(response.body(), type);
    }

    /** GETs a body as a stream, for JSON Lines and CSV exports. */
    InputStream getStream(String pathAndQuery, String accept) {
        HttpResponse<InputStream> response = send(request(pathAndQuery).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() >= 300) {
            try (InputStream in = response.body()) {
                requireSuccess(response.statusCode(), "GET " + pathAndQuery,
                        new String(in.readNBytes(2000), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new ApiException("GET " + pathAndQuery + " failed: " + e.getMessage(), e);
            }
        }
        return response.body();
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
