package io.urlcheck.worker;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the check engine needs to turn a host name into addresses, implemented at the edge
 * ({@code http.DnsResolver}). A lookup holds no thread while it waits, ends by its deadline, and
 * completes normally, never exceptionally: failures are values.
 */
public interface NameResolver {

    /**
     * Every address of {@code host}, or why there is none, by {@code deadlineNanos} (a
     * {@link System#nanoTime()} value): a lookup still unanswered then ends as a TIMEOUT, and one asked
     * for after its deadline is not sent at all. The engine also completes the returned future itself
     * at the deadline; an implementation stops its lookup when the future is completed by anyone.
     */
    CompletableFuture<Resolution> resolve(String host, long deadlineNanos);

    /** The outcome of a lookup: at least one address, or why there is none. */
    record Resolution(List<InetAddress> addresses, HopResult.Failure failure) {

        /** A name's addresses (not empty). */
        public static Resolution of(List<InetAddress> addresses) {
            return new Resolution(addresses, null);
        }

        /** No address: {@code failure} says why. */
        public static Resolution failed(HopResult.Failure failure) {
            return new Resolution(List.of(), failure);
        }
    }
}
