package io.urlcheck.sink;

import io.urlcheck.contract.MonitorEvent;

import java.time.Instant;

/**
 * What the sink remembers of one URL of one monitor between its runs: the last result it judged (its run's
 * tick, check time and id, which order a later result against it), the state that result showed, how many
 * failures in a row it has seen, whether the URL is {@code BROKEN}, and which certificate it already warned of.
 *
 * @param monitor    the monitor's name
 * @param url        the URL (the result's {@code url})
 * @param tick       the tick of the run of the last judged result
 * @param checkedAt  that result's {@code checkedAt}
 * @param checkId    that result's {@code checkId}
 * @param jobId      that result's job (the run)
 * @param state      what that result showed
 * @param failures   consecutive failures up to it, 0 after an OK
 * @param broken     whether {@code BROKEN} was raised and no {@code RECOVERED} since
 * @param certWarned the {@code notAfter} of the certificate {@code CERT_EXPIRING} was raised for; null when none
 */
public record UrlWatch(String monitor, String url, Instant tick, Instant checkedAt, String checkId, String jobId,
                       MonitorEvent.State state, int failures, boolean broken, Instant certWarned) {

    /** The key of a watch: one URL of one monitor. */
    public record Key(String monitor, String url) {
    }

    /** This watch's key. */
    public Key key() {
        return new Key(monitor, url);
    }

    /** Whether the URL's latest judged result is a failure (it counts as down). */
    public boolean down() {
        return state.outcome().isFailure();
    }
}
