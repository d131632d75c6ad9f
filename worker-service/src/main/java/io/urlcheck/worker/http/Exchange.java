package io.urlcheck.worker.http;

import io.netty.buffer.ByteBuf;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.TlsInfo;
import io.urlcheck.worker.BodyCollector;
import io.urlcheck.worker.HopRequest;
import io.urlcheck.worker.HopResult;
import io.urlcheck.worker.TargetUrl;
import io.urlcheck.worker.html.TitleExtractor;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.net.SocketAddress;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import java.net.InetAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One request on the wire (GET or HEAD, with the job's headers), to exactly the vetted address. Three clocks end it: the
 * connect timeout (getting a connection: TCP connect and TLS handshake), a header timer from the moment the request is
 * sent, and the attempt's deadline, which also covers the body. When the job set its own deadline
 * ({@link HopRequest#deadlineOnly()}) the deadline alone bounds all three, except the wait for a connection to an
 * address with another behind it ({@link HopRequest#connectWaitMs}). Whichever fires first resets the request,
 * which closes the connection.
 * The body is read into a {@link BodyCollector}; at its cap the connection is closed, not drained.
 */
final class Exchange {

    private final Vertx vertx;
    private final HttpClient client;
    private final VertxHttpPort.Settings settings;
    private final TargetUrl url;
    private final HopRequest hop;
    private final CertificateProblem certificates;
    private final InetAddress address;
    private final long deadlineNanos;
    private final long startNanos = System.nanoTime();
    private final long startMillis = System.currentTimeMillis();
    private volatile long connectedNanos;
    private volatile boolean freshConnection;
    private final CompletableFuture<HopResult> result = new CompletableFuture<>();
    private final VertxHttpPort.Once once = new VertxHttpPort.Once();
    private volatile HttpClientRequest request;
    private volatile long deadlineTimer = -1;
    private volatile long headerTimer = -1;
    /** Once the headers are in: the response so far, with why its body stopped short. */
    private volatile Function<String, HopResult.Response> cutShort;

    private final SeenConnections seen;

    /** {@code certificates} judges the chain an insecure {@code hop} accepted unchecked; null for a checked one. */
    Exchange(Vertx vertx, HttpClient client, VertxHttpPort.Settings settings, TargetUrl url, HopRequest hop,
             CertificateProblem certificates, InetAddress address, long deadlineNanos, SeenConnections seen) {
        this.seen = seen;
        this.vertx = vertx;
        this.client = client;
        this.settings = settings;
        this.url = url;
        this.hop = hop;
        this.certificates = certificates;
        this.address = address;
        this.deadlineNanos = deadlineNanos;
    }

    /** Starts the exchange on {@code context} (now, when already on it); its timers and handlers run there too. */
    CompletableFuture<HopResult> startOn(Context context) {
        if (((ContextInternal) context).isRunningOnContext()) {
            startGuarded();
        } else {
            context.runOnContext(v -> startGuarded());
        }
        return result;
    }

    /** Off the caller's stack, an exception would be lost and the check would never end: name it instead. */
    private void startGuarded() {
        try {
            start();
        } catch (RuntimeException e) {
            finish(new HopResult.Failure(Outcome.CONNECTION_ERROR, "could not start " + url.url() + ": " + e));
        }
    }

    private void start() {
        long remaining = remainingMs();
        if (remaining <= 0) {
            finish(new HopResult.Failure(Outcome.TIMEOUT, "deadline passed before " + url.url()));
            return;
        }
        deadlineTimer = vertx.setTimer(remaining, id -> timeout("no complete response within the deadline"));
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(hop.method()))
                .setServer(SocketAddress.inetSocketAddress(url.port(), address.getHostAddress()))
                .setHost(url.host())
                .setPort(url.port())
                .setSsl(url.https())
                .setURI(url.requestTarget())
                .setConnectTimeout(hop.connectWaitMs(remaining, settings.connectTimeout().toMillis()))
                .putHeader(HttpHeaders.ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8");
        hop.headers().forEach(options::putHeader); // User-Agent, and the job's own (an Accept of its own wins)
        options.putHeader(HttpHeaders.HOST, url.hostHeader())
                .putHeader(HttpHeaders.ACCEPT_ENCODING, "gzip, deflate"); // decoding is ours, bounded by max-body-bytes
        client.request(options).onComplete(ar -> {
            if (ar.failed()) {
                finish(FailureMapper.map(ar.cause()).whileConnecting()); // no connection: nothing of the request was sent
                return;
            }
            HttpClientRequest req = ar.result();
            request = req;
            connectedNanos = System.nanoTime();
            freshConnection = seen.firstSight(req.connection());
            if (once.isDone()) {
                req.reset();
                return;
            }
            long headerTimeout = settings.headerTimeout().toMillis();
            // Only a header timeout shorter than what is left of the deadline has its own timer; otherwise the deadline
            // ends the wait first and says so, instead of a header timeout that never ran its course.
            if (!hop.deadlineOnly() && headerTimeout < remainingMs()) {
                headerTimer = vertx.setTimer(Math.max(1, headerTimeout),
                        id -> timeout("no response headers within " + headerTimeout + " ms"));
            }
            req.send().onComplete(sent -> {
                vertx.cancelTimer(headerTimer);
                if (sent.failed()) {
                    finish(FailureMapper.mapAnswer(sent.cause(), false));
                } else {
                    read(req, sent.result());
                }
            });
        });
    }

    private void read(HttpClientRequest req, HttpClientResponse response) {
        long headersNanos = System.nanoTime();
        long ttfb = headersNanos - startNanos;
        Map<String, String> headers = new HashMap<>();
        response.headers().forEach(e -> headers.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
        TlsInfo tls = url.https() ? tls(req.connection(), certificates, url.host()) : null;
        boolean html = TitleExtractor.isHtml(headers.get("content-type"));
        BodyCollector body = new BodyCollector(settings.maxBodyBytes(), html, headers.get("content-encoding"),
                HopResult.Response.declaredLength(headers.get("content-length")));
        // The status is the verdict: once it is in, a body that breaks off or outlives the deadline is reported with
        // it (and what was read, the title included if it came), not as a TIMEOUT or CONNECTION_ERROR to retry.
        cutShort = reason -> response(response, headers, body, true, ttfb, tls, phases(req.connection(), headersNanos),
                "body cut short after " + body.size() + " bytes: " + reason);
        response.exceptionHandler(e -> {
            HopResult.Failure failure = FailureMapper.mapAnswer(e, true);
            if (failure.permanent()) {
                body.close();
                finish(failure); // a body the client cannot read at all: the response itself is broken
            } else {
                finish(cutShort.apply(failure.reason()));
            }
        });
        response.handler(chunk -> {
            add(body, chunk);
            if (body.isFull() && finish(response(response, headers, body, true, ttfb, tls,
                    phases(req.connection(), headersNanos), null))) {
                req.connection().close(); // stop here: never drain an endless or huge body
            }
        });
        response.endHandler(v -> finish(response(response, headers, body, false, ttfb, tls,
                phases(req.connection(), headersNanos), null)));
    }

    /**
     * This exchange's phases. The pool hands over a connection with its TCP connect and TLS handshake done, so
     * the two are told apart by the TLS session's creation time, which the JDK sets when the handshake starts
     * (a millisecond clock): before it, connecting; after it, the handshake.
     */
    private HopResult.Phases phases(HttpConnection connection, long headersNanos) {
        long opening = freshConnection ? connectedNanos - startNanos : 0;
        long tls = -1;
        SSLSession session = url.https() ? connection.sslSession() : null;
        if (session != null) {
            long connectMillis = Math.max(0, session.getCreationTime() - startMillis);
            long connect = Math.min(opening, TimeUnit.MILLISECONDS.toNanos(connectMillis));
            tls = freshConnection ? opening - connect : 0;
            opening = freshConnection ? connect : 0;
        }
        return new HopResult.Phases(opening, tls, headersNanos - connectedNanos, System.nanoTime() - headersNanos);
    }

    /** The chunk's bytes, read in place when it has a heap array (the usual case), so they are copied once. */
    private static void add(BodyCollector body, Buffer chunk) {
        ByteBuf buf = chunk.getByteBuf();
        if (buf.hasArray()) {
            body.add(buf.array(), buf.arrayOffset() + buf.readerIndex(), buf.readableBytes());
        } else {
            body.add(chunk.getBytes());
        }
    }

    /** The response as read so far; {@code cut} says why the body stopped short, or is null. */
    private static HopResult.Response response(HttpClientResponse response, Map<String, String> headers,
                                               BodyCollector body, boolean truncated, long ttfb, TlsInfo tls,
                                               HopResult.Phases phases, String cut) {
        HopResult.Response r = new HopResult.Response(response.statusCode(), headers, body.bytes(), body.size(),
                truncated, cut != null ? cut : body.error(), ttfb, tls, phases);
        body.close();
        return r;
    }

    /** The session's certificate and protocol, and, when {@code certificates} is given, what is wrong with the chain. */
    private static TlsInfo tls(HttpConnection connection, CertificateProblem certificates, String host) {
        SSLSession session = connection.sslSession();
        if (session == null) {
            return null;
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate cert) {
                String problem = certificates == null ? null : certificates.of(x509(chain), host);
                return new TlsInfo(session.getProtocol(), cert.getNotAfter().toInstant(),
                        cert.getIssuerX500Principal().getName(), cert.getSubjectX500Principal().getName(), problem);
            }
        } catch (SSLPeerUnverifiedException e) {
            // The handshake succeeded without a peer certificate: report the protocol alone.
        }
        return new TlsInfo(session.getProtocol(), null, null, null);
    }

    private static X509Certificate[] x509(Certificate[] chain) {
        X509Certificate[] certs = new X509Certificate[chain.length];
        for (int i = 0; i < chain.length; i++) {
            certs[i] = (X509Certificate) chain[i];
        }
        return certs;
    }

    private void timeout(String reason) {
        if (once.isDone()) {
            return;
        }
        Function<String, HopResult.Response> partial = cutShort;
        HopResult outcome = partial != null ? partial.apply(reason)
                : new HopResult.Failure(Outcome.TIMEOUT, reason + " (" + url.url() + ")");
        if (finish(outcome)) {
            HttpClientRequest req = request;
            if (req != null) {
                req.reset();
            }
        }
    }

    private boolean finish(HopResult outcome) {
        if (!once.claim()) {
            return false;
        }
        vertx.cancelTimer(deadlineTimer);
        vertx.cancelTimer(headerTimer);
        result.complete(outcome);
        return true;
    }

    private long remainingMs() {
        return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    }
}
