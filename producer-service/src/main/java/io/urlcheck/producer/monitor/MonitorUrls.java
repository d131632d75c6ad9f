package io.urlcheck.producer.monitor;

import io.urlcheck.contract.UrlNormalizer;
import io.urlcheck.contract.UrlVerdict;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a monitor's URLs when it is added, each with the contract's {@link UrlNormalizer}, so a monitor never
 * holds a URL no run could check. The monitor keeps the normalized URLs, each once, in the order given. Bad
 * URLs refuse the whole monitor: the message names up to {@value #SHOWN} of them, where they were and why.
 */
public final class MonitorUrls {

    /** The most bad URLs a refusal names. */
    public static final int SHOWN = 10;

    /**
     * One URL as given, and where: {@code line 3} of an upload, {@code urls[2]} of a JSON body.
     *
     * @param problem why it is bad before it is even read as a URL (a line too long, not UTF-8), or null
     */
    public record Given(String where, String url, String problem) {
        public Given(String where, String url) {
            this(where, url, null);
        }
    }

    private final UrlNormalizer normalizer;

    public MonitorUrls(UrlNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    /**
     * The normalized URLs, each once.
     *
     * @throws IllegalArgumentException naming the bad URLs (up to {@value #SHOWN}) and how many there are
     */
    public List<String> check(List<Given> given) {
        Set<String> urls = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        int bad = 0;
        for (Given url : given) {
            UrlVerdict verdict = url.problem() == null ? normalizer.normalize(url.url().strip()) : null;
            if (verdict instanceof UrlVerdict.Valid valid) {
                urls.add(valid.url());
            } else if (++bad <= SHOWN) {
                problems.add(url.where() + ": " + (verdict == null ? url.problem() : ((UrlVerdict.Invalid) verdict).reason()));
            }
        }
        if (bad > 0) {
            throw new IllegalArgumentException(bad + (bad == 1 ? " URL is" : " URLs are") + " not one a monitor can check"
                    + (bad > SHOWN ? " (the first " + SHOWN + " shown)" : "") + ": " + String.join("; ", problems));
        }
        return List.copyOf(urls);
    }
}
