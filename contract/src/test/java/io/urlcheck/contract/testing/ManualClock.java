package io.urlcheck.contract.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that stands at {@link #now} until a test moves it; safe to read from another thread. Shared by the
 * modules' tests through contract's test jar (only this package is in it); the launcher's tests cannot use testkit,
 * which depends on the launcher.
 */
public final class ManualClock extends Clock {

    /** The time the clock reads; a test sets it, or moves it with {@link #advance}. */
    public volatile Instant now;

    public ManualClock(Instant now) {
        this.now = now;
    }

    /** Moves the clock forward by {@code by}. */
    public void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
