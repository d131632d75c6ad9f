package io.urlcheck.worker.http;

import io.netty.channel.EventLoop;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.resolver.dns.DnsErrorCauseException;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsNameResolverTimeoutException;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import io.urlcheck.contract.Outcome;
import io.urlcheck.worker.HopResult;
import io.urlcheck.worker.NameResolver;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Name lookups on Netty's non-blocking DNS resolver, one per Vert.x event loop (a name always goes to
 * the same one, so its cache answers repeats). It reads {@code /etc/hosts} and the name servers, search
 * domains and {@code ndots} of {@code /etc/resolv.conf}, as the system resolver does, but a lookup holds
 * no thread while it waits: a name server that never answers costs one pending UDP query per lookup, not
 * a thread, so it cannot starve other checks' lookups. Each lookup ends at the check's deadline (it is
 * then cancelled), and one asked for after its deadline is not sent.
 *
 * <p>Not Vert.x's own resolver: Quarkus turns that off by default ({@code vertx.disableDnsResolver})
 * and falls back to the JDK's blocking lookups.
 */
public final class DnsResolver implements NameResolver, AutoCloseable {

    /** One DNS query's timeout, as resolv.conf's default; the check's deadline bounds the whole lookup. */
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

    /** A resolver, the event loop it runs on (where its deadline timers run too), and its queries' server failures. */
    private record Lane(EventLoop loop, DnsNameResolver resolver, ServerFailures failures) {
    }

    private final List<Lane> lanes;

    /** A resolver configured as the system's. */
    public DnsResolver(Vertx vertx) {
        this(vertx, UnaryOperator.identity());
    }

    /** As above, with {@code customize} applied to each Netty builder (tests point it at their own name server). */
    public DnsResolver(Vertx vertx, UnaryOperator<DnsNameResolverBuilder> customize) {
        VertxInternal internal = (VertxInternal) vertx;
        List<Lane> list = new ArrayList<>();
        for (EventExecutor executor : internal.getEventLoopGroup()) {
            EventLoop loop = (EventLoop) executor;
            ServerFailures failures = new ServerFailures();
            DnsNameResolverBuilder builder = new DnsNameResolverBuilder(loop)
                    .datagramChannelFactory(() -> internal.transport().datagramChannel())
                    .queryTimeoutMillis(QUERY_TIMEOUT.toMillis())
                    .dnsQueryLifecycleObserverFactory(failures);
            list.add(new Lane(loop, customize.apply(builder).build(), failures));
        }
        this.lanes = List.copyOf(list);
    }

    @Override
    public CompletableFuture<Resolution> resolve(String host, long deadlineNanos) {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            return CompletableFuture.completedFuture(Resolution.failed(new HopResult.Failure(Outcome.TIMEOUT,
                    "DNS lookup of " + host + " not started: the deadline had passed")));
        }
        Lane lane = laneFor(host);
        Future<List<InetAddress>> lookup = lane.resolver().resolveAll(host);
        if (lookup.isDone()) {
            return CompletableFuture.completedFuture(resolution(host, lookup, lane.failures().take(host))); // hosts file or cache
        }
        CompletableFuture<Resolution> result = new CompletableFuture<>();
        ScheduledFuture<?> timer = lane.loop().schedule(() -> result.complete(Resolution.failed(new HopResult.Failure(
                Outcome.TIMEOUT, "DNS lookup of " + host + " timed out: no answer before the deadline"))),
                remaining, TimeUnit.NANOSECONDS);
        lookup.addListener(done -> result.complete(resolution(host, lookup, lane.failures().take(host))));
        result.whenComplete((r, e) -> {
            timer.cancel(false);
            lookup.cancel(false); // done first, by the deadline or by the engine: stop the query
        });
        return result;
    }

    /** What {@code lookup} found; {@code serverFailure} is a code a name server failed one of its queries with, or null. */
    private static Resolution resolution(String host, Future<List<InetAddress>> lookup, DnsResponseCode serverFailure) {
        if (lookup.isSuccess() && !lookup.getNow().isEmpty()) {
            return Resolution.of(lookup.getNow());
        }
        Throwable cause = lookup.cause();
        if (has(cause, DnsNameResolverTimeoutException.class)) {
            return Resolution.failed(new HopResult.Failure(Outcome.TIMEOUT, "DNS lookup of " + host + " timed out"));
        }
        DnsResponseCode code = responseCode(cause);
        if (code == null) {
            code = serverFailure; // a failed query that was not the last to finish (ServerFailures)
        }
        if (code != null && !code.equals(DnsResponseCode.NXDOMAIN)) {
            // The name server could not answer (SERVFAIL: its upstream or DNSSEC failed; REFUSED: it would not serve
            // us): an outage of the resolver, not a fact about the name, so the check is asked again.
            return Resolution.failed(HopResult.Failure.outage(Outcome.DNS_FAILURE,
                    "DNS lookup of " + host + " failed: the name server answered " + mnemonic(code)));
        }
        if (cause == null || cause instanceof UnknownHostException) {
            return Resolution.failed(new HopResult.Failure(Outcome.DNS_FAILURE, "unknown host " + host));
        }
        return Resolution.failed(new HopResult.Failure(Outcome.DNS_FAILURE, "DNS lookup of " + host + " failed: " + cause));
    }

    /** {@code SERVFAIL}, {@code REFUSED}...: the code as RFC 1035 and dig spell it, not Netty's {@code ServFail(2)}. */
    private static String mnemonic(DnsResponseCode code) {
        return code.toString().replaceFirst("\\(\\d+\\)$", "").toUpperCase(Locale.ROOT);
    }

    /** The response code a name server failed the lookup with, or null when none did (no such record, a timeout...). */
    private static DnsResponseCode responseCode(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DnsErrorCauseException dns) {
                return dns.getCode();
            }
        }
        return null;
    }

    private static boolean has(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private Lane laneFor(String host) {
        int h = host.hashCode() * 0x9E3779B9;
        return lanes.get(Math.floorMod(h ^ (h >>> 16), lanes.size()));
    }

    @Override
    public void close() {
        lanes.forEach(lane -> lane.resolver().close());
    }
}
