package io.urlcheck.worker.http;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.urlcheck.contract.Outcome;
import io.urlcheck.worker.HopResult;
import io.vertx.core.http.HttpClosedException;

import javax.net.ssl.SSLException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeoutException;

/** Names what went wrong in an exchange: maps the client's exceptions to outcomes with a readable reason. */
final class FailureMapper {

    /** The most characters of the client's own words (which may quote the server's bytes) a reason carries. */
    static final int MAX_DETAIL_CHARS = 160;

    private FailureMapper() {
    }

    /**
     * Names a failure once the request is on its way: {@code headersRead} says whether the response's headers had
     * arrived. An answer the client's HTTP decoder refuses (not HTTP at all, a header no client may read, a malformed
     * chunked body) is a fact about the server, which sends the same again: a permanent {@code CONNECTION_ERROR}.
     * Anything else as {@link #map}.
     */
    static HopResult.Failure mapAnswer(Throwable error, boolean headersRead) {
        if (!refusedByDecoder(error) || has(error, TooLongFrameException.class)) {
            return map(error);
        }
        String what = headersRead ? "invalid response body" : readingHeaders(error) ? "invalid response header" : "not an HTTP response";
        return HopResult.Failure.permanent(Outcome.CONNECTION_ERROR, what + ": " + detail(error));
    }

    static HopResult.Failure map(Throwable error) {
        Throwable root = root(error);
        if (has(error, SslHandshakeTimeoutException.class)) {
            // A subclass of SSLHandshakeException, but a server too slow to answer, not a certificate it presented.
            return new HopResult.Failure(Outcome.TIMEOUT, "TLS handshake timed out: " + message(root));
        }
        if (has(error, NotSslRecordException.class)) {
            // Its message is a hex dump of everything the server sent (often a plain-HTTP 400): a reason, not the bytes.
            return new HopResult.Failure(Outcome.TLS_ERROR, "TLS handshake failed: not a TLS server (the answer was not a TLS record)");
        }
        if (has(error, SSLException.class) || has(error, CertificateException.class)) {
            // A certificate problem's type says more than its message ("NotAfter: ..." for an expired one).
            String reason = root instanceof CertificateException ? root.getClass().getSimpleName() + ": " + message(root) : message(root);
            return new HopResult.Failure(Outcome.TLS_ERROR, "TLS handshake failed: " + reason);
        }
        if (has(error, ConnectTimeoutException.class) || has(error, TimeoutException.class)) {
            return new HopResult.Failure(Outcome.TIMEOUT, "connect timed out: " + message(root));
        }
        if (has(error, UnknownHostException.class)) {
            return new HopResult.Failure(Outcome.DNS_FAILURE, "unknown host: " + message(root));
        }
        if (has(error, ConnectException.class) || has(error, NoRouteToHostException.class)) {
            String m = message(root);
            return m.toLowerCase().contains("refused")
                    ? new HopResult.Failure(Outcome.CONNECTION_REFUSED, "connection refused: " + m)
                    : new HopResult.Failure(Outcome.CONNECTION_ERROR, "could not connect: " + m);
        }
        if (has(error, TooLongFrameException.class)) {
            // The server's answer, not the network: asking again gets the same headers, so it is permanent.
            String what = has(error, TooLongHttpLineException.class)
                    ? "response status line longer than " + VertxHttpPort.MAX_INITIAL_LINE_BYTES / 1024 + " KiB"
                    : "response headers larger than " + VertxHttpPort.MAX_HEADER_BYTES / 1024 + " KiB";
            return HopResult.Failure.permanent(Outcome.CONNECTION_ERROR, what + ", the most the worker reads (not retried)");
        }
        if (has(error, HttpClosedException.class)) {
            return new HopResult.Failure(Outcome.CONNECTION_ERROR, "connection closed before the response ended");
        }
        return new HopResult.Failure(Outcome.CONNECTION_ERROR, root.getClass().getSimpleName() + ": " + message(root));
    }

    /**
     * Whether the HTTP decoder refused the server's bytes. Netty turns any exception it meets while decoding into the
     * message's failed {@code DecoderResult}, and Vert.x fails the exchange with that cause as it is: its own
     * {@link DecoderException}s, or the {@link IllegalArgumentException} of a version, status or header value it
     * cannot take (and Vert.x's {@link IllegalStateException} for a version other than 1.0 and 1.1). Once the request
     * is on its way nothing else raises these.
     */
    private static boolean refusedByDecoder(Throwable error) {
        return has(error, DecoderException.class) || has(error, IllegalArgumentException.class)
                || has(error, IllegalStateException.class);
    }

    /**
     * Whether the decoder was past the status line, in the header lines ({@code HttpObjectDecoder.readHeaders}, which
     * also checks {@code Content-Length} and {@code Transfer-Encoding}), when it gave up. The exception names no
     * phase, its stack does; should a Netty version rename the method, the answer reads as not HTTP, still permanent.
     */
    private static boolean readingHeaders(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getMethodName().equals("readHeaders") && frame.getClassName().startsWith("io.netty.handler.codec.http.")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The messages along {@code error}'s causes, each once, fit for a result: they may quote the server's bytes, so
     * control characters become {@code ?} and the text stops after {@link #MAX_DETAIL_CHARS} characters.
     */
    static String detail(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && text.indexOf(m) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(m);
            }
        }
        if (text.length() == 0) {
            text.append(root(error).getClass().getSimpleName());
        }
        StringBuilder clean = new StringBuilder(Math.min(text.length(), MAX_DETAIL_CHARS + 3));
        text.codePoints().limit(MAX_DETAIL_CHARS).forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return text.codePointCount(0, text.length()) > MAX_DETAIL_CHARS ? clean.append("...").toString() : clean.toString();
    }

    private static boolean has(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable root(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
