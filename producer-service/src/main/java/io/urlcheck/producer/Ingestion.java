package io.urlcheck.producer;

import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.WireValues;

import java.time.Clock;
import java.time.Instant;

/**
 * Turns the inputs of one job into requests and rejections, and counts them. Each input is skipped
 * (blank or {@code #} comment), rejected with a reason, counted as a duplicate of an earlier input of
 * the job, or accepted, in that order. Not thread-safe: one job is read by one thread at a time.
 */
public final class Ingestion {

    /** Characters of a rejected input repeated in its result; longer inputs are cut with a marker. */
    public static final int MAX_ECHOED_INPUT = 2048;

    private final JobAccounting accounting;
    private final UrlNormalizer normalizer;
    private final UrlDedup dedup;
    private final Outbox outbox;
    private final Clock clock;
    private final String requestIdPrefix;
    private Runnable ticker = () -> { };
    private IngestionMeter meter = IngestionMeter.NONE;
    private long inputs;

    public Ingestion(JobAccounting accounting, UrlNormalizer normalizer, UrlDedup dedup, Outbox outbox,
                     Clock clock, String requestIdPrefix) {
        this.accounting = accounting;
        this.normalizer = normalizer;
        this.dedup = dedup;
        this.outbox = outbox;
        this.clock = clock;
        this.requestIdPrefix = requestIdPrefix;
    }

    public JobAccounting accounting() {
        return accounting;
    }

    public UrlDedup dedup() {
        return dedup;
    }

    /** Runs {@code ticker} every {@link #TICK_EVERY} inputs, e.g. to publish progress or stop on a failure. */
    public void onTick(Runnable ticker) {
        this.ticker = ticker;
    }

    /** Counts every input's fate on {@code meter} from now on, for the service's metrics. */
    public void meter(IngestionMeter meter) {
        this.meter = meter;
    }

    /** How often the ticker runs, in inputs. */
    public static final int TICK_EVERY = 1024;

    /** Accounts for one line read by {@link LineReader}. */
    public void line(Line line) {
        tick();
        if (line.problem() == Line.Problem.TOO_LONG) {
            reject(line.text(), line.text().strip() + "...", Rejection.LINE_TOO_LONG,
                    "line too long: over the line limit, read no further");
            return;
        }
        if (line.problem() == Line.Problem.INVALID_UTF8) {
            String trimmed = line.text().strip();
            reject(line.text(), trimmed, Rejection.INVALID_UTF8, "line is not valid UTF-8");
            return;
        }
        accept(line.text(), Long.toString(line.number()));
    }

    /**
     * Accounts for one input (a line, a JSON array element, an intake record).
     *
     * @param input    the input as given
     * @param sequence unique within this ingestion; it completes the request id
     */
    public void input(String input, String sequence) {
        tick();
        accept(input, sequence);
    }

    private void tick() {
        meter.input();
        if (++inputs % TICK_EVERY == 0) {
            ticker.run();
        }
    }

    private void accept(String input, String sequence) {
        String trimmed = input.strip();
        if (trimmed.isEmpty() || trimmed.charAt(0) == '#') {
            accounting.skipped();
            return;
        }
        UrlVerdict verdict = normalizer.normalize(trimmed);
        if (verdict instanceof UrlVerdict.Invalid invalid) {
            reject(input, trimmed, invalid.code(), invalid.reason());
            return;
        }
        UrlVerdict.Valid valid = (UrlVerdict.Valid) verdict;
        if (!dedup.firstTime(valid.url())) {
            accounting.duplicate();
            meter.duplicate();
            return;
        }
        accounting.accepted();
        meter.accepted();
        outbox.request(new CheckRequest(CheckRequest.SCHEMA_VERSION, requestIdPrefix + sequence,
                accounting.jobId(), input, valid.url(), valid.host(), clock.instant()));
    }

    /** Accounts for an input that could not even be read as text (an intake record of the wrong shape). */
    public void unreadable(String input, String reason) {
        tick();
        reject(input, input.strip(), Rejection.UNREADABLE, reason);
    }

    private void reject(String input, String trimmed, Rejection code, String reason) {
        // Deduplicated as the result will carry it (a NUL becomes U+FFFD): two inputs that differ only
        // there are one URL to the sink, so they must be one rejection, or the job never completes.
        String url = trimmed.isEmpty() ? "(empty)" : WireValues.text(echo(trimmed));
        if (!dedup.firstTime(url)) {
            accounting.duplicate();
            meter.duplicate();
            return;
        }
        accounting.rejected();
        meter.rejected(code);
        Instant now = clock.instant();
        outbox.rejected(CheckResult.invalid(accounting.jobId(), echo(input), url, reason, now));
    }

    private static String echo(String s) {
        return s.length() <= MAX_ECHOED_INPUT ? s : s.substring(0, MAX_ECHOED_INPUT) + "...[" + s.length() + " chars]";
    }
}
