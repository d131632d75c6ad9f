package io.urlcheck.worker;

import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;

/**
 * What the check engine needs from the network to fetch a page, implemented at the edge
 * ({@code http.VertxHttpPort}); names are resolved by the {@link NameResolver}. The call completes
 * normally, never exceptionally: failures are values.
 */
public interface HttpPort {

    /**
     * One request of {@code url} as {@code hop} says (method, headers, certificate checking), connecting to
     * exactly {@code address} (Host header and TLS SNI stay the URL's host), done before
     * {@code deadlineNanos} (a {@link System#nanoTime()} value) or a TIMEOUT.
     */
    CompletableFuture<HopResult> send(TargetUrl url, InetAddress address, HopRequest hop, long deadlineNanos);
}
