package io.urlcheck.worker;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Grants permission to start a request: at most {@code maxInFlight} at once overall, at most
 * {@code maxPerHost} at once per host name, at most {@code maxPerAddress} at once per resolved address
 * (whatever names point there), and starts to one host at least {@code minInterval} apart. One permit
 * covers one hop of a redirect chain. Nothing blocks: {@link #acquire} returns a future that completes
 * when a slot is free. Waiters queue per host, and hosts are served round-robin, so a host whose slots
 * (or whose address's slots) are full never holds a global slot while it waits: other hosts keep
 * flowing. See DESIGN.md.
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

    // Guarded by this.
    private final Map<String, HostState> hosts = new HashMap<>();
    private final Map<InetAddress, AddressState> addresses = new HashMap<>();
    private final LinkedHashMap<String, HostState> waiting = new LinkedHashMap<>();
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
        Waiter waiter = new Waiter(address, continuing);
        synchronized (this) {
            HostState state = hosts.computeIfAbsent(host, HostState::new);
            if (continuing) {
                state.waiters.addFirst(waiter);
                queuedContinuations++;
            } else {
                state.waiters.addLast(waiter);
            }
            queued++;
            waiting.putIfAbsent(host, state);
        }
        dispatch();
        return waiter;
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
        return waiting.values().stream().mapToInt(s -> s.waiters.size()).max().orElse(0);
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
                Iterator<HostState> it = waiting.values().iterator();
                List<HostState> rotate = new ArrayList<>();
                while (it.hasNext() && inFlight < maxInFlight) {
                    HostState s = it.next();
                    Waiter head = s.waiters.peekFirst();
                    if (s.inFlight >= maxPerHost || (!admitting && !head.continuing)) {
                        continue;
                    }
                    AddressState a = addresses.get(head.address);
                    if (a != null && a.inFlight >= maxPerAddress) {
                        continue; // a release of that address dispatches again
                    }
                    long wait = s.spaced ? s.nextStart - now : 0;
                    if (wait > 0) {
                        s.wakeAt(wait);
                        continue;
                    }
                    s.waiters.pollFirst();
                    queued--;
                    if (head.continuing) {
                        queuedContinuations--;
                    }
                    if (a == null) {
                        a = new AddressState(head.address);
                        addresses.put(head.address, a);
                    }
                    a.inFlight++;
                    s.inFlight++;
                    inFlight++;
                    s.nextStart = now + minIntervalNanos;
                    s.spaced = minIntervalNanos > 0;
                    AddressState address = a;
                    grants.add(() -> grant(head, s, address));
                    granted = true;
                    it.remove();
                    if (!s.waiters.isEmpty()) {
                        rotate.add(s); // to the back of the round
                    }
                }
                rotate.forEach(s -> waiting.put(s.host, s));
            }
        }
        grants.forEach(Runnable::run);
    }

    private void grant(CompletableFuture<Permit> waiter, HostState state, AddressState address) {
        AtomicBoolean released = new AtomicBoolean();
        Permit permit = () -> {
            if (released.compareAndSet(false, true)) {
                release(state, address);
            }
        };
        if (!waiter.complete(permit)) {
            permit.release(); // the waiter gave up (cancelled) before its turn
        }
    }

    private void release(HostState state, AddressState address) {
        synchronized (this) {
            state.inFlight--;
            inFlight--;
            if (--address.inFlight == 0) {
                addresses.remove(address.address);
            }
            if (state.inFlight == 0 && state.waiters.isEmpty() && !state.wakeScheduled) {
                long rest = state.spaced ? state.nextStart - nanoClock.getAsLong() : 0;
                if (rest <= 0) {
                    hosts.remove(state.host);
                } else {
                    state.wakeAt(rest); // forget the host once its interval is over
                }
            }
        }
        dispatch();
    }

    private void wake(HostState state) {
        synchronized (this) {
            state.wakeScheduled = false;
            if (state.inFlight == 0 && state.waiters.isEmpty()
                    && (!state.spaced || nanoClock.getAsLong() - state.nextStart >= 0)) {
                hosts.remove(state.host);
            }
        }
        dispatch();
    }

    /** A queued request: the future its check waits on, with the address it will connect to. */
    private static final class Waiter extends CompletableFuture<Permit> {
        final InetAddress address;
        final boolean continuing;

        Waiter(InetAddress address, boolean continuing) {
            this.address = address;
            this.continuing = continuing;
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
        int inFlight;
        long nextStart;
        boolean spaced;
        boolean wakeScheduled;

        HostState(String host) {
            this.host = host;
        }

        /** Schedules one wake-up (holding the limiter's lock). */
        void wakeAt(long delayNanos) {
            if (!wakeScheduled) {
                wakeScheduled = true;
                scheduler.schedule(delayNanos, () -> wake(this));
            }
        }
    }
}
