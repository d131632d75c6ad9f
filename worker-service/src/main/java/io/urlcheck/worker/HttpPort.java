package io.urlcheck.worker;

import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;

/**
 * What the check engine needs from the network, implemented at the edge ({@code http.VertxHttpPort}).
 * Both calls complete normally, never exceptionally: failures are values.
 */
public interface HttpPort {

    /** Resolves {@code host} by {@code deadlineNanos}; completes with its first address, or with why there is none. */
    CompletableFuture<Resolution> resolve(String host, long deadlineNanos);

    /**
     * One GET of {@code url}, connecting to exactly {@code address} (Host header and TLS SNI stay the
     * URL's host), done before {@code deadlineNanos} (a {@link System#nanoTime()} value) or a TIMEOUT.
     */
    CompletableFuture<HopResult> get(TargetUrl url, InetAddress address, long deadlineNanos);

    /** The outcome of a name lookup: an address, or why there is none. */
    record Resolution(InetAddress address, HopResult.Failure failure) {
    }
}
