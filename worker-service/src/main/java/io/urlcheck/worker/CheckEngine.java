package io.urlcheck.worker;

import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.Redirect;
import io.urlcheck.contract.Timings;
import io.urlcheck.worker.address.AddressPolicy;
import io.urlcheck.worker.address.IpLiteral;
import io.urlcheck.worker.html.TitleExtractor;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Runs one check from request to result. Each hop of the redirect chain (followed by hand) is
 * resolved by the {@link NameResolver} (holding no slot), every address it resolves to is vetted by
 * the {@link AddressPolicy}, then the hop waits for a {@link HostLimiter} slot of its host and its
 * address, connects to exactly the vetted address, and gives the slot back before the next hop asks
 * for its own. Transient failures are retried after a backoff that holds no slot. Time spent waiting
 * for a slot does not count against the attempt's deadline. Each check applies its job's options
 * ({@link CheckOptions}: accepted statuses, headers, method, certificates, limits), falling back to the
 * worker's settings. The returned future always completes with a result, never exceptionally.
 */
public final class CheckEngine {

    /** The engine's limits, from {@code WorkerConfig}: the defaults of a job that sets none. */
    public record Settings(int maxRedirects, Duration requestTimeout, String workerId) {
    }

    /** Hears about retries (for metrics); the default does nothing. */
    public interface Listener {
        /** Attempt {@code attempt} of {@code request} ended transient; the next starts after {@code delay}. */
        default void retrying(CheckRequest request, int attempt, Outcome outcome, Duration delay) {
        }

        /** The backoff announced by {@link #retrying} is over; the retry now queues for a slot. */
        default void backoffOver(CheckRequest request) {
        }

        /** One listener that tells {@code first}, then {@code second}. */
        static Listener both(Listener first, Listener second) {
            return new Listener() {
                @Override
                public void retrying(CheckRequest request, int attempt, Outcome outcome, Duration delay) {
                    first.retrying(request, attempt, outcome, delay);
                    second.retrying(request, attempt, outcome, delay);
                }

                @Override
                public void backoffOver(CheckRequest request) {
                    first.backoffOver(request);
                    second.backoffOver(request);
                }
            };
        }
    }

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final HttpPort http;
    private final NameResolver resolver;
    private final HostLimiter limiter;
    private final AddressPolicy policy;
    private final RetryPolicy retry;
    private final Scheduler scheduler;
    private final LongSupplier nanoClock;
    private final Clock clock;
    private final Settings settings;
    private final Listener listener;

    public CheckEngine(HttpPort http, NameResolver resolver, HostLimiter limiter, AddressPolicy policy, RetryPolicy retry,
                       Scheduler scheduler, LongSupplier nanoClock, Clock clock, Settings settings, Listener listener) {
        this.http = http;
        this.resolver = resolver;
        this.limiter = limiter;
        this.policy = policy;
        this.retry = retry;
        this.scheduler = scheduler;
        this.nanoClock = nanoClock;
        this.clock = clock;
        this.settings = settings;
        this.listener = listener;
    }

    /** Checks {@code request}; completes with its result. */
    public CompletableFuture<CheckResult> check(CheckRequest request) {
        TargetUrl url;
        try {
            url = TargetUrl.parse(request.url());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(base(request).outcome(Outcome.INVALID_URL)
                    .error(e.getMessage()).attempts(0).checkedAt(clock.instant()).build());
        }
        CheckOptions options = CheckOptions.resolve(request.options(), settings.maxRedirects(), settings.requestTimeout(),
                retry.maxRetries());
        return attempt(request, options, url, 1).exceptionally(e -> base(request).outcome(Outcome.CONNECTION_ERROR)
                .error("internal error: " + e).attempts(1).checkedAt(clock.instant()).build());
    }

    private CompletableFuture<CheckResult> attempt(CheckRequest request, CheckOptions options, TargetUrl url, int attempt) {
        long start = nanoClock.getAsLong();
        Chain chain = new Chain(url, options, start, start + options.timeout().toNanos());
        chain.visited.add(url.url());
        return hop(chain, request.host(), url, false).thenCompose(done -> afterAttempt(request, url, attempt, chain));
    }

    private CompletableFuture<CheckResult> afterAttempt(CheckRequest request, TargetUrl url, int attempt, Chain chain) {
        Outcome outcome = chain.outcome();
        if (retry.isTransient(chain.last, outcome) && retry.mayRetryAfter(attempt, chain.options.retries())) {
            Optional<Duration> retryAfter = chain.last instanceof HopResult.Response r
                    ? RetryAfter.parse(r.header("retry-after"), clock.instant()) : Optional.empty();
            Duration delay = retry.delay(attempt, retryAfter);
            listener.retrying(request, attempt, outcome, delay);
            CompletableFuture<CheckResult> next = new CompletableFuture<>();
            scheduler.schedule(delay.toNanos(), () -> {
                listener.backoffOver(request);
                attempt(request, chain.options, url, attempt + 1).whenComplete((result, error) -> {
                    if (error != null) {
                        next.completeExceptionally(error);
                    } else {
                        next.complete(result);
                    }
                });
            });
            return next;
        }
        return CompletableFuture.completedFuture(result(request, chain, attempt));
    }

    /**
     * One hop: resolve, vet every address, wait for a slot of {@code host} (the record key on the first
     * hop, the redirect's host after) and of the address, then GET and release the slot.
     */
    private CompletableFuture<Void> hop(Chain chain, String host, TargetUrl url, boolean continuing) {
        chain.current = url;
        chain.method = chain.options.method();
        if (nanoClock.getAsLong() - chain.deadline >= 0) {
            return chain.fail(Outcome.TIMEOUT, "deadline of " + chain.options.timeout().toMillis() + " ms passed");
        }
        Optional<InetAddress> literal = IpLiteral.parse(url.host());
        if (literal.isPresent()) {
            return vetted(chain, host, url, continuing, literal.get(), null);
        }
        long lookupStart = nanoClock.getAsLong();
        return lookup(url.host(), chain).thenCompose(resolution -> {
            chain.looked(nanoClock.getAsLong() - lookupStart);
            if (resolution.failure() != null) {
                chain.last = resolution.failure();
                return CompletableFuture.completedFuture(null);
            }
            List<InetAddress> all = resolution.addresses();
            if (all.isEmpty()) {
                return chain.fail(Outcome.DNS_FAILURE, "no address for " + url.host());
            }
            return vetted(chain, host, url, continuing, all.get(0), all);
        });
    }

    /**
     * The resolver's lookup, ended here as a TIMEOUT at the deadline whatever the resolver does: a
     * lookup never outlives its check. (The timer is not cancelled when the lookup answers first; it
     * then finds the future done and does nothing.)
     */
    private CompletableFuture<NameResolver.Resolution> lookup(String host, Chain chain) {
        long deadline = chain.deadline;
        CompletableFuture<NameResolver.Resolution> lookup = resolver.resolve(host, deadline);
        if (!lookup.isDone()) {
            scheduler.schedule(deadline - nanoClock.getAsLong(), () -> lookup.complete(NameResolver.Resolution.failed(
                    new HopResult.Failure(Outcome.TIMEOUT, "DNS lookup of " + host + " timed out: no answer within the deadline of "
                            + chain.options.timeout().toMillis() + " ms"))));
        }
        return lookup;
    }

    /** Refuses the hop when any of the host's addresses is blocked, else sends it to the first. */
    private CompletableFuture<Void> vetted(Chain chain, String host, TargetUrl url, boolean continuing, InetAddress first,
                                           List<InetAddress> all) {
        Optional<String> refusal = all == null ? policy.refusal(first) : policy.firstRefusal(all);
        if (refusal.isPresent()) {
            return chain.fail(Outcome.BLOCKED, url.host() + ": " + refusal.get());
        }
        return send(chain, host, url, new Addresses(all == null ? List.of(first) : all, 0), continuing);
    }

    /** Waits for a slot of {@code host} and of the address {@code at} points to (and the job's host interval), then sends the hop. */
    private CompletableFuture<Void> send(Chain chain, String host, TargetUrl url, Addresses at, boolean continuing) {
        InetAddress address = at.current();
        long asked = nanoClock.getAsLong();
        return limiter.acquire(host, address, continuing, chain.options.hostIntervalNanos()).thenCompose(permit -> {
            chain.pause(nanoClock.getAsLong() - asked);
            return exchange(chain, host, url, address, at.hasNext(), permit).thenCompose(result -> follow(chain, host, url, at, result));
        });
    }

    /**
     * The addresses a host name resolved to, all vetted, and the one being tried. A hop that could not connect to one
     * goes on to the next while its deadline lasts, as browsers and curl do: one dead server among a name's addresses
     * (or an address family the network does not route) is not the site being down.
     */
    private record Addresses(List<InetAddress> all, int index) {

        InetAddress current() {
            return IpLiteral.canonical(all.get(index));
        }

        boolean hasNext() {
            return index + 1 < all.size();
        }

        Addresses next() {
            return new Addresses(all, index + 1);
        }
    }

    /** True when a hop that ended with {@code failure} may be sent to the host's next address. */
    private static boolean triesNextAddress(HopResult.Failure failure) {
        return failure.connecting() && switch (failure.outcome()) {
            case CONNECTION_REFUSED, CONNECTION_ERROR, TIMEOUT -> true;
            default -> false; // a TLS_ERROR names the certificate, which the other addresses serve too
        };
    }

    /**
     * The port's exchange, the permit released when it ends. A port that throws instead of failing its future
     * (a trust store it cannot load, an event loop refusing work at shutdown) ends the hop as a failure here, and
     * its slot is released too: a lost permit would cost the host one of its slots for good.
     */
    private CompletableFuture<HopResult> exchange(Chain chain, String host, TargetUrl url, InetAddress address,
                                                  boolean anotherAddressWaits, HostLimiter.Permit permit) {
        CompletableFuture<HopResult> sent;
        try {
            HopRequest hop = chain.options.hop(chain.method, chain.first, url);
            sent = http.send(url, address, anotherAddressWaits ? hop.beforeAnotherAddress() : hop, chain.deadline);
        } catch (RuntimeException e) {
            permit.release();
            return CompletableFuture.completedFuture(
                    new HopResult.Failure(Outcome.CONNECTION_ERROR, "could not send " + url.url() + ": " + e));
        }
        return sent.whenComplete((result, error) -> {
            if (result instanceof HopResult.Response answer) {
                // A host that says it gets too many requests gets none for a while, from every check, not only this
                // one's retry; paused before this slot is given back, so no waiting request of the host takes it first.
                limiter.pause(host, retry.hostPause(answer, clock).toNanos());
            }
            permit.release();
        });
    }

    private CompletableFuture<Void> follow(Chain chain, String host, TargetUrl url, Addresses at, HopResult result) {
        if (result instanceof HopResult.Failure failure && triesNextAddress(failure)) {
            if (at.hasNext() && nanoClock.getAsLong() - chain.deadline < 0) {
                return send(chain, host, url, at.next(), true);
            }
            if (at.index() > 0) {
                result = failure.noting(" (all " + (at.index() + 1) + " addresses of " + url.host() + " tried)");
            }
        }
        if (result instanceof HopResult.Response refused && CheckOptions.fallsBackToGet(chain.method, refused.status())) {
            chain.method = CheckOptions.GET; // the server does not do HEAD: ask again, as a continuation of the chain
            return send(chain, host, url, at, true);
        }
        chain.last = result;
        chain.answeredBy = chain.method;
        if (result instanceof HopResult.Response response && response.phases() != null) {
            chain.measured(response.phases());
        }
        if (!(result instanceof HopResult.Response response) || !REDIRECTS.contains(response.status())) {
            return CompletableFuture.completedFuture(null);
        }
        if (response.header("location") == null) {
            chain.unfollowedRedirect = "HTTP " + response.status() + " redirect without a Location header";
            return CompletableFuture.completedFuture(null);
        }
        chain.redirects.add(new Redirect(url.url(), response.status()));
        TargetUrl next;
        try {
            next = url.resolve(LocationHeader.decode(response.header("location")));
        } catch (IllegalArgumentException e) {
            chain.unfollowedRedirect = e.getMessage();
            return CompletableFuture.completedFuture(null);
        }
        if (!chain.visited.add(next.url())) {
            return chain.fail(Outcome.TOO_MANY_REDIRECTS, "redirect loop back to " + next.url());
        }
        if (chain.redirects.size() > chain.options.maxRedirects()) {
            return chain.fail(Outcome.TOO_MANY_REDIRECTS, "more than " + chain.options.maxRedirects() + " redirects");
        }
        return hop(chain, next.host(), next, true);
    }

    private CheckResult result(CheckRequest request, Chain chain, int attempts) {
        long end = nanoClock.getAsLong();
        CheckResult.Builder b = base(request)
                .attempts(attempts)
                .finalUrl(chain.current.url())
                .redirects(chain.redirects)
                .responseTimeMs((end - chain.start) / 1_000_000)
                .timings(chain.timings())
                .checkedAt(clock.instant());
        if (chain.last instanceof HopResult.Response r) {
            String contentType = r.header("content-type");
            b.statusCode(r.status())
                    .timeToFirstByteMs(r.timeToFirstByteNanos() / 1_000_000)
                    .contentType(contentType)
                    .contentLength(contentLength(r))
                    .tls(r.tls())
                    .method(chain.answeredBy);
            if (TitleExtractor.isHtml(contentType) && r.body().length > 0) {
                TitleExtractor.extract(r.body(), r.body().length, contentType).ifPresent(b::title);
            }
        }
        if (chain.last instanceof HopResult.Failure && !chain.redirects.isEmpty()
                && chain.outcome() == Outcome.TOO_MANY_REDIRECTS) {
            b.statusCode(chain.redirects.get(chain.redirects.size() - 1).statusCode());
        }
        Outcome outcome = chain.outcome();
        b.outcome(outcome).error(chain.error(outcome));
        return b.build();
    }

    /** The declared Content-Length when the response has one, else the body bytes read (at most the cap). */
    private static Long contentLength(HopResult.Response r) {
        long declared = HopResult.Response.declaredLength(r.header("content-length"));
        return declared >= 0 ? declared : r.bodyBytes();
    }

    private CheckResult.Builder base(CheckRequest request) {
        return CheckResult.builder().answering(request).finalUrl(request.url()).workerId(settings.workerId());
    }

    /** The state of one attempt's walk along its redirect chain. */
    private static final class Chain {
        final TargetUrl first;
        final CheckOptions options;
        long start;
        long deadline;
        final List<Redirect> redirects = new ArrayList<>();
        final Set<String> visited = new HashSet<>();
        TargetUrl current;
        HopResult last;
        /** Why the final response, a redirect, could not be followed; null when it was not such a redirect. */
        String unfollowedRedirect;
        /** The method of the current hop's next request: the job's, or GET after a refused HEAD. */
        String method;
        /** The method that got {@link #last}. */
        String answeredBy;
        private long dns = -1;
        private long connect;
        private long tls = -1;
        private long firstByte;
        private long transfer;
        private boolean exchanged;

        Chain(TargetUrl first, CheckOptions options, long start, long deadline) {
            this.first = first;
            this.options = options;
            this.start = start;
            this.deadline = deadline;
        }

        /** Moves the clock past {@code nanos} spent waiting for a slot: the deadline and response time count work, not queueing. */
        void pause(long nanos) {
            start += nanos;
            deadline += nanos;
        }

        /** Adds a DNS lookup's time. */
        void looked(long nanos) {
            dns = Math.max(0, dns) + nanos;
        }

        /** Adds one exchange's phases. */
        void measured(HopResult.Phases phases) {
            exchanged = true;
            connect += phases.connectNanos();
            firstByte += phases.firstByteNanos();
            transfer += phases.transferNanos();
            if (phases.tlsNanos() >= 0) {
                tls = Math.max(0, tls) + phases.tlsNanos();
            }
        }

        /** The phases summed over the chain's hops, or null when nothing was looked up or exchanged. */
        Timings timings() {
            if (dns < 0 && !exchanged) {
                return null;
            }
            return new Timings(dns < 0 ? null : millis(dns), exchanged ? millis(connect) : null,
                    tls < 0 ? null : millis(tls), exchanged ? millis(firstByte) : null, exchanged ? millis(transfer) : null);
        }

        private static long millis(long nanos) {
            return TimeUnit.NANOSECONDS.toMillis(nanos);
        }

        CompletableFuture<Void> fail(Outcome outcome, String reason) {
            last = new HopResult.Failure(outcome, reason);
            return CompletableFuture.completedFuture(null);
        }

        Outcome outcome() {
            if (last instanceof HopResult.Failure f) {
                return f.outcome();
            }
            HopResult.Response r = (HopResult.Response) last;
            boolean accepted = unfollowedRedirect != null ? options.accept().acceptsUnfollowedRedirect(r.status())
                    : options.accept().accepts(r.status());
            return accepted ? Outcome.OK : Outcome.HTTP_ERROR;
        }

        String error(Outcome outcome) {
            if (last instanceof HopResult.Failure f) {
                return f.reason();
            }
            HopResult.Response r = (HopResult.Response) last;
            if (unfollowedRedirect != null) {
                return unfollowedRedirect;
            }
            if (outcome == Outcome.HTTP_ERROR) {
                return "HTTP " + r.status();
            }
            return r.bodyError();
        }
    }
}
