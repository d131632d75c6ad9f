package io.urlcheck.contract;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A named set of URLs checked on a {@link Schedule} with one job's {@link JobOptions}: the value of a record on
 * the compacted topic {@link Topics#MONITORS}, keyed by {@link #name()}; a tombstone removes it. Each run is a
 * job ({@link MonitorJobId}). The canonical constructor validates the shape and fills the defaults, so a
 * monitor that exists is one the producer can run and the sink can judge; an {@link IllegalArgumentException}
 * says what is wrong. Whether each URL is one a worker can check is the producer's call when it is added.
 *
 * @param name           {@code [A-Za-z0-9._-]{1,64}}; the record key
 * @param schedule       when it runs
 * @param urls           what it checks, 1 to {@link #MAX_URLS}
 * @param options        the job options of every run; null = the defaults
 * @param webhooks       http(s) URLs each event is POSTed to, at most {@link #MAX_WEBHOOKS}; null = none
 * @param brokenAfter    consecutive failures before a URL that was OK is {@code BROKEN}; null = {@value #DEFAULT_BROKEN_AFTER}
 * @param certExpiryDays days before a certificate's end that raise {@code CERT_EXPIRING}; null = {@value #DEFAULT_CERT_EXPIRY_DAYS}, 0 = never
 */
public record Monitor(
        String name,
        Schedule schedule,
        List<String> urls,
        JobOptions options,
        List<String> webhooks,
        Integer brokenAfter,
        Integer certExpiryDays) {

    /** What a monitor's name may look like: no colon, since it is part of a job id. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** The most URLs one monitor holds; the record stays under the topic's {@code max.message.bytes}. */
    public static final int MAX_URLS = 100_000;
    /** The longest URL a monitor holds, in characters. */
    public static final int MAX_URL_LENGTH = 8192;
    /** The most webhooks one monitor names. */
    public static final int MAX_WEBHOOKS = 10;
    /** Consecutive failures before {@code BROKEN}, unless the monitor says otherwise (Uptime Kuma's retries). */
    public static final int DEFAULT_BROKEN_AFTER = 2;
    /** Days of certificate life left that raise {@code CERT_EXPIRING}, unless the monitor says otherwise. */
    public static final int DEFAULT_CERT_EXPIRY_DAYS = 14;

    /** Validates every field and fills the defaults. */
    public Monitor {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must match " + NAME.pattern() + "; got "
                    + (name == null ? "nothing" : "'" + name + "'"));
        }
        if (schedule == null) {
            throw new IllegalArgumentException("schedule is needed: every (such as \"5m\") or cron");
        }
        urls = urls(urls);
        options = options == null ? JobOptions.DEFAULTS : options;
        webhooks = webhooks(webhooks);
        brokenAfter = range("brokenAfter", brokenAfter, DEFAULT_BROKEN_AFTER, 1, 100);
        certExpiryDays = range("certExpiryDays", certExpiryDays, DEFAULT_CERT_EXPIRY_DAYS, 0, 365);
    }

    /** What a redacted secret shows instead of itself. */
    public static final String HIDDEN = "***";

    /**
     * This monitor as an API shows it: every job-option header value is {@value #HIDDEN} (tokens, cookies) and
     * every webhook is cut to {@code scheme://host[:port]/…} (its path and query often are the secret).
     */
    public Monitor redacted() {
        Map<String, String> headers = new LinkedHashMap<>();
        options.headers().keySet().forEach(header -> headers.put(header, HIDDEN));
        JobOptions shown = new JobOptions(options.accept(), options.include(), options.exclude(), headers,
                options.userAgent(), options.method(), options.insecure(), options.maxRedirects(),
                options.hostIntervalMs(), options.timeoutMs(), options.retries());
        return new Monitor(name, schedule, urls, shown, webhooks.stream().map(Monitor::redactedWebhook).toList(),
                brokenAfter, certExpiryDays);
    }

    private static String redactedWebhook(String hook) {
        URI uri = URI.create(hook);
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost()
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + "/\u2026";
    }

    private static List<String> urls(List<String> urls) {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException("urls: a monitor checks at least one URL");
        }
        if (urls.size() > MAX_URLS) {
            throw new IllegalArgumentException("urls: a monitor holds at most " + MAX_URLS + " URLs; got " + urls.size());
        }
        List<String> stripped = urls.stream().map(url -> url == null ? "" : url.strip()).toList();
        for (int i = 0; i < stripped.size(); i++) {
            String url = stripped.get(i);
            if (url.isEmpty() || url.length() > MAX_URL_LENGTH) {
                throw new IllegalArgumentException("urls[" + i + "] must be 1 to " + MAX_URL_LENGTH + " characters");
            }
        }
        return stripped;
    }

    private static List<String> webhooks(List<String> webhooks) {
        if (webhooks == null) {
            return List.of();
        }
        if (webhooks.size() > MAX_WEBHOOKS) {
            throw new IllegalArgumentException("webhooks: at most " + MAX_WEBHOOKS + "; got " + webhooks.size());
        }
        for (int i = 0; i < webhooks.size(); i++) {
            String hook = webhooks.get(i);
            if (!isHttpUrl(hook)) {
                throw new IllegalArgumentException("webhooks[" + i + "] must be an absolute http or https URL; got '"
                        + (hook == null ? "" : hook.length() > 200 ? hook.substring(0, 200) + "..." : hook) + "'");
            }
        }
        return List.copyOf(webhooks);
    }

    private static boolean isHttpUrl(String text) {
        if (text == null || text.length() > MAX_URL_LENGTH) {
            return false;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static int range(String field, Integer value, int fallback, int min, int max) {
        int chosen = value == null ? fallback : value;
        if (chosen < min || chosen > max) {
            throw new IllegalArgumentException(field + " must be " + min + " to " + max + "; got " + chosen);
        }
        return chosen;
    }
}
