package io.urlcheck.worker.http;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpLineException;
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

    private FailureMapper() {
    }

    static HopResult.Failure map(Throwable error) {
        Throwable root = root(error);
        if (has(error, SslHandshakeTimeoutException.class)) {
            // A subclass of SSLHandshakeException, but a server too slow to answer, not a certificate it presented.
            return new HopResult.Failure(Outcome.TIMEOUT, "TLS handshake timed out: " + message(root));
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
            return new HopResult.Failure(Outcome.CONNECTION_ERROR, what + ", the most the worker reads (not retried)", true);
        }
        if (has(error, HttpClosedException.class)) {
            return new HopResult.Failure(Outcome.CONNECTION_ERROR, "connection closed before the response ended");
        }
        return new HopResult.Failure(Outcome.CONNECTION_ERROR, root.getClass().getSimpleName() + ": " + message(root));
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
