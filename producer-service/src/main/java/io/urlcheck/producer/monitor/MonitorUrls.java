package io.urlcheck.producer.monitor;

import io.urlcheck.contract.Monitor;
import io.urlcheck.contract.UrlNormalizer;
import io.urlcheck.contract.UrlVerdict;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a monitor's URLs as they are read, each with the contract's {@link UrlNormalizer}, so a monitor never
 * holds a URL no run could check. The monitor keeps the normalized URLs, each once, in the order given. Bad
 * URLs refuse the whole monitor: the message names up to {@value #SHOWN} of them, where they were and why.
 * What it keeps is bounded whatever it is given: the good URLs up to {@link Monitor#MAX_URLS} (one more refuses
 * the monitor at once), the bad ones only counted past the first {@value #SHOWN}.
 */
public final class MonitorUrls {

    /** The most bad URLs a refusal names. */
    public static final int SHOWN = 10;

    private final UrlNormalizer normalizer;
    private final Set<String> urls = new LinkedHashSet<>();
    private final List<String> problems = new ArrayList<>();
    private int bad;

    public MonitorUrls(UrlNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    /**
     * One URL as given, and where: {@code line 3} of an upload, {@code urls[2]} of a JSON body.
     *
     * @throws IllegalArgumentException when it is one distinct URL more than a monitor may hold
     */
    public void add(String where, String url) {
        UrlVerdict verdict = normalizer.normalize(url.strip());
        if (verdict instanceof UrlVerdict.Valid valid) {
            if (urls.add(valid.url()) && urls.size() > Monitor.MAX_URLS) {
                throw new IllegalArgumentException("urls: a monitor holds at most " + Monitor.MAX_URLS
                        + " URLs; " + where + " is one more");
            }
        } else {
            bad(where, ((UrlVerdict.Invalid) verdict).reason());
        }
    }

    /** One that is bad before it is even read as a URL ({@code problem}: a line too long, not UTF-8). */
    public void bad(String where, String problem) {
        if (++bad <= SHOWN) {
            problems.add(where + ": " + problem);
        }
    }

    /**
     * The normalized URLs, each once.
     *
     * @throws IllegalArgumentException naming the bad URLs (up to {@value #SHOWN}) and how many there are
     */
    public List<String> urls() {
        if (bad > 0) {
            throw new IllegalArgumentException(bad + (bad == 1 ? " URL is" : " URLs are") + " not one a monitor can check"
                    + (bad > SHOWN ? " (the first " + SHOWN + " shown)" : "") + ": " + String.join("; ", problems));
        }
        return List.copyOf(urls);
    }
}
