package io.urlcheck.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * Which HTTP status codes count as {@link Outcome#OK}: a job's {@code accept} option, such as
 * {@code "200..299,403"} (codes and inclusive ranges, comma separated). Parsed here and nowhere else,
 * so the producer refuses exactly the specs the worker could not apply. No spec means the default:
 * every status below 400, except a redirect the worker could not follow ({@link #acceptsUnfollowedRedirect}).
 */
public final class AcceptSpec {

    /** The lowest status code a spec may name. */
    public static final int MIN_STATUS = 100;
    /** The highest status code a spec may name. */
    public static final int MAX_STATUS = 999;
    /** The longest spec accepted, in characters. */
    public static final int MAX_LENGTH = 512;

    /** Every status below 400: the default when a job sets no spec. */
    public static final AcceptSpec DEFAULT = new AcceptSpec(null, List.of(new int[] {0, 399}));

    private final String spec;
    private final List<int[]> ranges;

    private AcceptSpec(String spec, List<int[]> ranges) {
        this.spec = spec;
        this.ranges = ranges;
    }

    /** The spec for {@code spec}, or {@link #DEFAULT} for null; an {@link IllegalArgumentException} says what is wrong with it. */
    public static AcceptSpec parse(String spec) {
        if (spec == null) {
            return DEFAULT;
        }
        if (spec.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("accept spec longer than " + MAX_LENGTH + " characters");
        }
        List<int[]> ranges = new ArrayList<>();
        for (String part : spec.split(",", -1)) {
            ranges.add(range(part.strip(), spec));
        }
        return new AcceptSpec(spec, List.copyOf(ranges));
    }

    /** True when a final response with {@code status} counts as {@link Outcome#OK}. */
    public boolean accepts(int status) {
        for (int[] range : ranges) {
            if (status >= range[0] && status <= range[1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when a final response with {@code status} counts as {@link Outcome#OK} although it is a redirect the worker
     * could not follow (no {@code Location}, or one that is not a URL): only when a spec was given and names it. The
     * default's "below 400" means a response that works, and a redirect to nowhere is a broken link, as lychee
     * reports it; a user who asks for that status by name (checking that a URL redirects) gets it.
     */
    public boolean acceptsUnfollowedRedirect(int status) {
        return spec != null && accepts(status);
    }

    /** The spec as given, or null for the default. */
    public String spec() {
        return spec;
    }

    @Override
    public String toString() {
        return spec == null ? "<400" : spec;
    }

    private static int[] range(String part, String spec) {
        int dots = part.indexOf("..");
        int from = status(dots < 0 ? part : part.substring(0, dots), spec);
        int to = dots < 0 ? from : status(part.substring(dots + 2), spec);
        if (to < from) {
            throw new IllegalArgumentException("accept spec '" + spec + "': range " + part + " ends before it starts");
        }
        return new int[] {from, to};
    }

    private static int status(String text, String spec) {
        String digits = text.strip();
        if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("accept spec '" + spec + "' must be status codes or ranges like 200..299,403; got '"
                    + text.strip() + "'");
        }
        int status = Integer.parseInt(digits);
        if (status < MIN_STATUS || status > MAX_STATUS) {
            throw new IllegalArgumentException("accept spec '" + spec + "': status " + status + " is outside "
                    + MIN_STATUS + ".." + MAX_STATUS);
        }
        return status;
    }
}
