package io.urlcheck.producer;

import io.urlcheck.contract.JobOptions;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A job's {@code include} and {@code exclude} patterns, compiled once: which URLs of the job are checked at
 * all. A URL any exclude pattern finds is skipped; otherwise, when there are include patterns, a URL none of
 * them finds is skipped. Patterns are found anywhere in the normalized URL ({@code Matcher.find}).
 */
public final class UrlFilter {

    /** Checks every URL. */
    public static final UrlFilter ALL = new UrlFilter(JobOptions.DEFAULTS);

    private final JobOptions options;
    private final List<Pattern> include;
    private final List<Pattern> exclude;

    private UrlFilter(JobOptions options) {
        this.options = options;
        this.include = options.include().stream().map(Pattern::compile).toList();
        this.exclude = options.exclude().stream().map(Pattern::compile).toList();
    }

    /** The filter of {@code options}' patterns. */
    public static UrlFilter of(JobOptions options) {
        return options.include().isEmpty() && options.exclude().isEmpty() ? ALL : new UrlFilter(options);
    }

    /** True when this filter was made from {@code other}'s patterns. */
    boolean isFor(JobOptions other) {
        return options.include().equals(other.include()) && options.exclude().equals(other.exclude());
    }

    /** Why {@code url} is not to be checked, naming the rule ("excluded by --exclude 'regex'"); null to check it. */
    public String skipReason(String url) {
        for (int i = 0; i < exclude.size(); i++) {
            if (exclude.get(i).matcher(url).find()) {
                return "excluded by --exclude '" + options.exclude().get(i) + "'";
            }
        }
        if (include.isEmpty()) {
            return null;
        }
        for (Pattern pattern : include) {
            if (pattern.matcher(url).find()) {
                return null;
            }
        }
        return "not included: matches no --include pattern (" + String.join(", ", options.include()) + ")";
    }
}
