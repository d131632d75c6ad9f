package io.urlcheck.producer;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that stands at {@link #now} until a test moves it; safe to read from another thread. */
public final class ManualClock extends Clock {

    /** The time the clock reads; a test sets it. */
    public volatile Instant now;

    public ManualClock(Instant now) {
        this.now = now;
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
