package io.urlcheck.worker;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Grants permission to start a request: at most {@code maxInFlight} at once overall, at most
 * {@code maxPerHost} at once per host name, at most {@code maxPerAddress} at once per resolved address
 * (whatever names point there), and starts to one host at least {@code minInterval} apart. A request may
 * also carry its job's own interval: such spaced requests to one host go one at a time, each starting
 * no sooner than the interval after the previous one ended, while requests without one pass them by. One permit
 * covers one hop of a redirect chain. Nothing blocks: {@link #acquire} returns a future that completes
 * when a slot is free. Waiters queue per host, and a free slot goes to the waiting host that has had the
 * fewest turns, so hosts that keep waiting are served round-robin, and a host that started waiting a moment
 * after the others (its records came in a later fetch) catches up instead of finishing its job a round
 * after them. A host that starts waiting counts as at most {@code maxPerHost} turns behind the hosts
 * already served, so no newcomer gets more than that ahead of them. A host whose slots (or whose
 * address's slots) are full never holds a global slot while it waits: other hosts keep flowing. A host that
 * asked for less ({@link #pause}: it answered 429) gets no new request until its pause is over. See DESIGN.md.
 */
public final class HostLimiter {

    /** A granted slot; {@link #release()} it exactly when the request is over (more calls are ignored). */
    public interface Permit {
        void release();
    }

    private final int maxInFlight;
    private final int maxPerHost;
    private final int maxPerAddress;
    private final long minIntervalNanos;
    private final LongSupplier nanoClock;
    private final Scheduler scheduler;

    /** Fewest turns first; among equal turns, the host that reached its count first. */
    private static final Comparator<HostState> TURN_ORDER =
            Comparator.<HostState>comparingLong(s -> s.turns).thenComparingLong(s -> s.order);

    // Guarded by this.
    private final Map<String, HostState> hosts = new HashMap<>();
    private final Map<InetAddress, AddressState> addresses = new HashMap<>();
    /** The hosts with a waiter, in {@link #TURN_ORDER}. A host's turns and order change only while it is out of this set. */
    private final TreeSet<HostState> waiting = new TreeSet<>(TURN_ORDER);
    /** The most turns a host had when it was granted one (never falls): where a host that starts waiting is placed from. */
    private long turnFloor;
    private long lastOrder;
    private int inFlight;
    private int queued;
    private int queuedContinuations;
    private boolean admitting = true;

    public HostLimiter(int maxInFlight, int maxPerHost, int maxPerAddress, long minIntervalNanos, LongSupplier nanoClock,
                       Scheduler scheduler) {
        if (maxInFlight < 1 || maxPerHost < 1 || maxPerAddress < 1 || minIntervalNanos < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxInFlight = maxInFlight;
        this.maxPerHost = maxPerHost;
        this.maxPerAddress = maxPerAddress;
        this.minIntervalNanos = minIntervalNanos;
        this.nanoClock = nanoClock;
        this.scheduler = scheduler;
    }

    /**
     * A future permit to send one request to {@code host} at {@code address}. A {@code continuing} hop
     * (a redirect of a chain already under way) goes to the front of its host's queue and is granted
     * even after {@link #stopAdmitting()}, so a started check can finish during the drain.
     */
    public CompletableFuture<Permit> acquire(String host, InetAddress address, boolean continuing) {
        return acquire(host, address, continuing, 0);
    }

    /**
     * As {@link #acquire(String, InetAddress, boolean)}, for a request of a job that wants at least
     * {@code intervalNanos} between its requests to one host (0 for none): spaced requests to {@code host}
     * go one at a time, each no sooner than that after the previous one ended, so the host sees the gap
     * between two arrivals whatever the latency. Requests without an interval pass a waiting spaced one.
     */
    public CompletableFuture<Permit> acquire(String host, InetAddress address, boolean continuing, long intervalNanos) {
        if (intervalNanos < 0) {
            throw new IllegalArgumentException("interval must not be negative");
        }
        Waiter waiter = new Waiter(address, continuing, intervalNanos);
        synchronized (this) {
            HostState state = hosts.computeIfAbsent(host, HostState::new);
            if (state.waiters.isEmpty()) {
                state.turns = Math.max(state.turns, turnFloor - maxPerHost);
                state.order = ++lastOrder;
                waiting.add(state);
            }
            if (continuing) {
                state.waiters.addFirst(waiter);
                queuedContinuations++;
            } else {
                state.waiters.addLast(waiter);
            }
            queued++;
        }
        dispatch();
        return waiter;
    }

    /**
     * Starts no request to {@code host} for {@code nanos} from now (a longer pause already set stands): the host said it
     * gets too many ({@code 429}, or {@code 503} with {@code Retry-After}). Requests already running go on; those
     * waiting, and redirects to it, wait for the pause to end, without it counting against their deadlines.
     */
    public void pause(String host, long nanos) {
        if (nanos <= 0) {
            return;
        }
        synchronized (this) {
            long now = nanoClock.getAsLong();
            HostState state = hosts.computeIfAbsent(host, HostState::new);
            long until = now + nanos;
            if (!state.paused || until - state.pausedUntil > 0) {
                state.paused = true;
                state.pausedUntil = until;
            }
            if (state.inFlight == 0 && state.waiters.isEmpty()) {
                state.wakeAt(now, nanos); // forget the host once the pause is over
            }
        }
    }

    /** Stops granting permits to new checks (shutdown): their waiters stay queued and are never started. */
    public void stopAdmitting() {
        synchronized (this) {
            admitting = false;
        }
    }

    /** The bound on {@link #inFlight()}: {@code urlcheck.worker.max-in-flight}. */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** Requests running now, all hosts. */
    public synchronized int inFlight() {
        return inFlight;
    }

    /** Requests waiting for a slot, all hosts. */
    public synchronized int queued() {
        return queued;
    }

    /** Requests waiting for a slot that are not a started check's next hop: after {@link #stopAdmitting()}, never started. */
    public synchronized int queuedToStart() {
        return queued - queuedContinuations;
    }

    /** The longest queue of one host. */
    public synchronized int maxHostQueueDepth() {
        return waiting.stream().mapToInt(s -> s.waiters.size()).max().orElse(0);
    }

    /** Hosts with a request waiting or running. */
    public synchronized int activeHosts() {
        return (int) hosts.values().stream().filter(s -> s.inFlight > 0 || !s.waiters.isEmpty()).count();
    }

    private void dispatch() {
        List<Runnable> grants = new ArrayList<>();
        synchronized (this) {
            long now = nanoClock.getAsLong();
            boolean granted = true;
            while (granted && inFlight < maxInFlight && !waiting.isEmpty()) {
                granted = false;
                Iterator<HostState> it = waiting.iterator();
                List<HostState> served = new ArrayList<>(); // in turn order, as they were granted
                while (it.hasNext() && inFlight < maxInFlight) {
                    HostState s = it.next();
                    if (!served.isEmpty() && TURN_ORDER.compare(served.get(0), s) < 0) {
                        break; // a host served in this pass is due before s: the next pass starts with it
                    }
                    if (s.inFlight >= maxPerHost) {
                        continue;
                    }
                    long wait = Math.max(s.spaced ? s.nextStart - now : 0, s.paused ? s.pausedUntil - now : 0);
                    if (wait > 0) {
                        s.wakeAt(now, wait);
                        continue;
                    }
                    Waiter head = next(s, now);
                    if (head == null) {
                        continue; // a release of a full address, or the timer next() set, dispatches again
                    }
                    queued--;
                    if (head.continuing) {
                        queuedContinuations--;
                    }
                    AddressState a = addresses.get(head.address);
                    if (a == null) {
                        a = new AddressState(head.address);
                        addresses.put(head.address, a);
                    }
                    a.inFlight++;
                    s.inFlight++;
                    inFlight++;
                    s.nextStart = now + minIntervalNanos;
                    s.spaced = minIntervalNanos > 0;
                    if (head.intervalNanos > 0) {
                        s.markSpaced(now, head.intervalNanos);
                        s.spacedInFlight++;
                    }
                    AddressState address = a;
                    grants.add(() -> grant(head, s, address, head.intervalNanos > 0));
                    granted = true;
                    it.remove();
                    turnFloor = Math.max(turnFloor, s.turns);
                    s.turns++;
                    s.order = ++lastOrder;
                    if (!s.waiters.isEmpty()) {
                        served.add(s);
                    }
                }
                waiting.addAll(served);
            }
        }
        grants.forEach(Runnable::run);
    }

    /**
     * Takes the first waiter of {@code s} that may start now, in queue order, or null: one whose address
     * is full waits for a release; a spaced one whose interval is not over waits (with a timer) while
     * waiters without an interval behind it go; after {@link #stopAdmitting()} only continuations go.
     */
    private Waiter next(HostState s, long now) {
        long soonest = Long.MAX_VALUE;
        for (Iterator<Waiter> it = s.waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (!admitting && !w.continuing) {
                continue;
            }
            AddressState a = addresses.get(w.address);
            if (a != null && a.inFlight >= maxPerAddress) {
                continue;
            }
            if (w.intervalNanos > 0 && s.spacedInFlight > 0) {
                continue; // spaced requests to one host go one at a time: its release dispatches again
            }
            long wait = w.intervalNanos > 0 && s.spacedOnce ? s.spacedMark + w.intervalNanos - now : 0;
            if (wait > 0) {
                soonest = Math.min(soonest, wait);
                continue;
            }
            it.remove();
            return w;
        }
        if (soonest != Long.MAX_VALUE) {
            s.wakeAt(now, soonest);
        }
        return null;
    }

    private void grant(CompletableFuture<Permit> waiter, HostState state, AddressState address, boolean spaced) {
        AtomicBoolean released = new AtomicBoolean();
        Permit permit = () -> {
            if (released.compareAndSet(false, true)) {
                release(state, address, spaced);
            }
        };
        if (!waiter.complete(permit)) {
            permit.release(); // the waiter gave up (cancelled) before its turn
        }
    }

    private void release(HostState state, AddressState address, boolean spaced) {
        synchronized (this) {
            if (spaced) {
                state.markSpaced(nanoClock.getAsLong(), 0); // the next spaced request counts from this end
                state.spacedInFlight--;
            }
            state.inFlight--;
            inFlight--;
            if (--address.inFlight == 0) {
                addresses.remove(address.address);
            }
            if (state.inFlight == 0 && state.waiters.isEmpty() && !state.wakeScheduled) {
                long now = nanoClock.getAsLong();
                long rest = state.quietIn(now);
                if (rest <= 0) {
                    hosts.remove(state.host, state);
                } else {
                    state.wakeAt(now, rest); // forget the host once its intervals are over
                }
            }
        }
        dispatch();
    }

    /** A timer set for {@code due} fired (perhaps a little early: timers have millisecond grain). */
    private void wake(HostState state, long due) {
        synchronized (this) {
            long now = nanoClock.getAsLong();
            if (due == state.wakeDue) {
                state.wakeScheduled = false; // the latest timer: a dispatch that finds the wait not over sets another
            }
            if (state.inFlight == 0 && state.waiters.isEmpty()) {
                long rest = state.quietIn(now);
                if (rest <= 0) {
                    hosts.remove(state.host, state);
                } else {
                    state.wakeAt(now, rest); // an earlier timer: look again when the intervals are over
                }
            }
        }
        dispatch();
    }

    /** A queued request: the future its check waits on, with the address it will connect to. */
    private static final class Waiter extends CompletableFuture<Permit> {
        final InetAddress address;
        final boolean continuing;
        final long intervalNanos;

        Waiter(InetAddress address, boolean continuing, long intervalNanos) {
            this.address = address;
            this.continuing = continuing;
            this.intervalNanos = intervalNanos;
        }
    }

    /** Requests in flight to one address, whatever host names they used; forgotten at zero. */
    private static final class AddressState {
        final InetAddress address;
        int inFlight;

        AddressState(InetAddress address) {
            this.address = address;
        }
    }

    private final class HostState {
        final String host;
        final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
        /** Permits granted while the host was remembered; raised to the floor when it starts waiting. */
        long turns;
        /** When the host reached its turn count, against the others: the round-robin among equals. */
        long order;
        int inFlight;
        long nextStart;
        boolean spaced;
        boolean wakeScheduled;
        long wakeDue;
        /** The later of the last start and the last end of a request with its job's own interval. */
        long spacedMark;
        boolean spacedOnce;
        /** Requests with their job's own interval in flight: at most one. */
        int spacedInFlight;
        /** The longest job interval seen: the host is remembered that long after {@link #spacedMark}. */
        long longestInterval;
        /** The host asked for a pause ({@link HostLimiter#pause}), which ends at {@link #pausedUntil}. */
        boolean paused;
        long pausedUntil;

        HostState(String host) {
            this.host = host;
        }

        void markSpaced(long now, long intervalNanos) {
            spacedMark = spacedOnce && spacedMark - now > 0 ? spacedMark : now;
            spacedOnce = true;
            longestInterval = Math.max(longestInterval, intervalNanos);
        }

        /** How long until no interval or pause of this host matters any more (not positive: already). */
        long quietIn(long now) {
            long global = spaced ? nextStart - now : 0;
            long job = spacedOnce ? spacedMark + longestInterval - now : 0;
            long pause = paused ? pausedUntil - now : 0;
            return Math.max(Math.max(global, job), pause);
        }

        /** Schedules a wake-up {@code delayNanos} after {@code now}, unless one is due sooner (holding the limiter's lock). */
        void wakeAt(long now, long delayNanos) {
            long due = now + delayNanos;
            if (!wakeScheduled || due - wakeDue < 0) {
                wakeScheduled = true;
                wakeDue = due;
                scheduler.schedule(delayNanos, () -> wake(this, due));
            }
        }
    }
}
