package io.urlcheck.producer;

import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobOptions;
import io.urlcheck.contract.LinkSource;
import io.urlcheck.contract.ListLines;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.Rejection;
import io.urlcheck.contract.UrlNormalizer;
import io.urlcheck.contract.UrlVerdict;
import io.urlcheck.contract.WireValues;

import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Turns the inputs of one job into requests and rejections, and counts them. Each input is skipped
 * (blank or {@code #} comment), rejected with a reason, counted as a duplicate of an earlier input of
 * the job, excluded by the job's {@code include}/{@code exclude} options, or accepted, in that order. An
 * excluded URL is never published as a request: it gets a {@code SKIPPED}
 * result naming the rule, counted (like an {@code INVALID_URL} result) in {@code rejected}, the inputs the
 * producer answers itself, so that the sink expects its result and the job completes. Every request
 * carries the job's {@link JobOptions}. Not thread-safe: one job is read by one thread at a time.
 */
public final class Ingestion {

    /** Characters of a rejected input repeated in its result; longer inputs are cut with a marker. */
    public static final int MAX_ECHOED_INPUT = 2048;

    /** Why a relative link from a document was not checked: the launcher resolves them only with {@code --base}. */
    public static final String RELATIVE_WITHOUT_BASE = "relative link without --base";

    /** A reference that names its scheme (RFC 3986 section 3.1); anything else found in a document is relative. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private final JobAccounting accounting;
    private final UrlNormalizer normalizer;
    private final UrlDedup dedup;
    private final Outbox outbox;
    private final Clock clock;
    private final String requestIdPrefix;
    private Runnable ticker = () -> { };
    private IngestionMeter meter = IngestionMeter.NONE;
    private long inputs;
    private JobOptions options = JobOptions.DEFAULTS;
    private UrlFilter filter = UrlFilter.ALL;

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

    /** Sets the options of the job's requests from here on; before the first input for a job's options. */
    public void useOptions(JobOptions options) {
        if (!options.equals(this.options)) {
            this.options = options;
            this.filter = filter.isFor(options) ? filter : UrlFilter.of(options);
        }
    }

    /** How many inputs this ingestion has accounted for so far. */
    public long inputCount() {
        return inputs;
    }

    /** The options the next requests carry. */
    public JobOptions options() {
        return options;
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
        accept(line.text(), Long.toString(line.number()), null);
    }

    /**
     * Accounts for one input (a line, a JSON array element, an intake record).
     *
     * @param input    the input as given
     * @param sequence unique within this ingestion; it completes the request id
     */
    public void input(String input, String sequence) {
        link(input, sequence, null);
    }

    /**
     * Accounts for one link found in a document at {@code source} (null: an input from a list). Its request and
     * result carry the source. A relative link (no scheme: the launcher had no {@code --base} to resolve it
     * against) is answered here with an {@link Outcome#SKIPPED} result, counted with the rejected inputs because
     * the producer, not a worker, writes its result.
     */
    public void link(String input, String sequence, LinkSource source) {
        tick();
        accept(input, sequence, source);
    }

    /** Accounts for one input that brings its own options (an intake record): they apply to it and to later inputs. */
    public void input(String input, String sequence, JobOptions options) {
        useOptions(options);
        input(input, sequence);
    }

    private void tick() {
        meter.input();
        if (++inputs % TICK_EVERY == 0) {
            ticker.run();
        }
    }

    private void accept(String input, String sequence, LinkSource source) {
        if (ListLines.isBlankOrComment(input)) {
            accounting.skipped();
            return;
        }
        String trimmed = input.strip();
        if (source != null && !SCHEME.matcher(trimmed).find()) {
            answer(input, trimmed, Outcome.SKIPPED, Rejection.SKIPPED, RELATIVE_WITHOUT_BASE, source);
            return;
        }
        UrlVerdict verdict = normalizer.normalize(trimmed);
        if (verdict instanceof UrlVerdict.Invalid invalid) {
            answer(input, trimmed, Outcome.INVALID_URL, invalid.code(), invalid.reason(), source);
            return;
        }
        UrlVerdict.Valid valid = (UrlVerdict.Valid) verdict;
        if (!dedup.firstTime(valid.url())) {
            accounting.duplicate();
            meter.duplicate();
            return;
        }
        String skipped = filter.skipReason(valid.url());
        if (skipped != null) {
            accounting.rejected();
            meter.rejected(Rejection.SKIPPED);
            CheckResult result = CheckResult.skipped(accounting.jobId(), echo(input), valid.url(), skipped, clock.instant());
            outbox.rejected(foundAt(result, source));
            return;
        }
        accounting.accepted();
        meter.accepted();
        outbox.request(new CheckRequest(CheckRequest.SCHEMA_VERSION, requestIdPrefix + sequence,
                accounting.jobId(), input, valid.url(), valid.host(), clock.instant(), options, source));
    }

    /** Accounts for an input that could not even be read as text (an intake record of the wrong shape). */
    public void unreadable(String input, String reason) {
        tick();
        reject(input, input.strip(), Rejection.UNREADABLE, reason);
    }

    private void reject(String input, String trimmed, Rejection code, String reason) {
        answer(input, trimmed, Outcome.INVALID_URL, code, reason, null);
    }

    /** Publishes the producer's own result for an input no worker checks: rejected, or skipped from a document. */
    private void answer(String input, String trimmed, Outcome outcome, Rejection code, String reason, LinkSource source) {
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
        CheckResult result = outcome == Outcome.SKIPPED
                ? CheckResult.skipped(accounting.jobId(), echo(input), url, reason, now)
                : CheckResult.invalid(accounting.jobId(), echo(input), url, reason, now);
        outbox.rejected(foundAt(result, source));
    }

    /** {@code result}, saying where its link was found when it came from a document. */
    private static CheckResult foundAt(CheckResult result, LinkSource source) {
        return source == null ? result : result.toBuilder().source(source).build();
    }

    private static String echo(String s) {
        return s.length() <= MAX_ECHOED_INPUT ? s : s.substring(0, MAX_ECHOED_INPUT) + "...[" + s.length() + " chars]";
    }
}
