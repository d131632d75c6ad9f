package io.urlcheck.launcher.client;

import io.urlcheck.contract.Schedule;

import java.time.Instant;

/**
 * One row of the producer's {@code GET /api/monitors}: a monitor without its URLs.
 *
 * @param urls     how many URLs it checks
 * @param webhooks how many webhooks it notifies
 * @param lastTick the tick it last fired, or null before its first run
 * @param nextTick the tick it fires next, or null when its schedule names none
 */
public record MonitorSummary(String name, Schedule schedule, int urls, int webhooks, int brokenAfter,
                             int certExpiryDays, Instant lastTick, Instant nextTick) {
}
