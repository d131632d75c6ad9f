package io.urlcheck.launcher.cli;

import io.urlcheck.contract.UrlNormalizer;
import io.urlcheck.contract.UrlVerdict;
import io.urlcheck.launcher.input.Inputs;
import io.urlcheck.launcher.input.Link;
import io.urlcheck.launcher.input.LinkExtractor;
import io.urlcheck.launcher.input.LinkTargets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The URLs a monitor checks, read from {@code monitor add}'s FILE arguments as {@code submit} reads them: URL
 * lists (one a line, blank lines and {@code #} comments skipped, {@code -} = stdin) and the links of {@code .md},
 * {@code .html} and {@code .htm} files and folders. A monitor checks each URL once, so repeats are dropped;
 * a relative link is resolved with {@code --base} and left out (and counted) without it, since a monitor
 * holds only URLs that can be requested. Every URL is read with the contract's {@link UrlNormalizer}, as the
 * producer will: a bad one is a usage error naming its file and line, which the producer (sent JSON) cannot.
 *
 * @param urls             every URL, first occurrence first
 * @param relativeLeftOut  relative links left out for want of {@code --base}
 */
record MonitorUrls(List<String> urls, int relativeLeftOut) {

    /** A reference with a scheme; without {@code --base} the others stay relative. */
    private static final Pattern ABSOLUTE = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");
    /** The most bad URLs a refusal names. */
    static final int SHOWN = 10;

    MonitorUrls {
        urls = List.copyOf(urls);
    }

    /**
     * Reads {@code files}; an {@link IllegalArgumentException} for an unreadable input, a bad base, a URL that is not
     * one a monitor can check, or no URL at all.
     */
    static MonitorUrls read(List<String> files, String base, Supplier<InputStream> stdin) {
        Inputs inputs = Inputs.of(files);
        URI baseUrl = base == null ? null : LinkTargets.parseBase(base);
        if (!inputs.hasDocuments() && base != null) {
            throw new IllegalArgumentException("--base resolves links of .md, .html and .htm files, and none was given");
        }
        Map<String, String> found = new LinkedHashMap<>(); // URL -> where it was first found
        for (String list : inputs.lists()) {
            readList(list, stdin, found);
        }
        LinkTargets targets = new LinkTargets(baseUrl, Path.of(""));
        int relative = 0;
        for (Path document : inputs.documents()) {
            for (Link link : links(document)) {
                String target = targets.target(link.target(), document).orElse(null);
                if (target != null && !ABSOLUTE.matcher(target).lookingAt()) {
                    relative++;
                } else if (target != null) {
                    found.putIfAbsent(target, document + " line " + link.line());
                }
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no URL to monitor in " + String.join(" ", files)
                    + (relative > 0 ? " (" + relative + " relative links: give --base URL to resolve them)" : ""));
        }
        refuseInvalid(found);
        return new MonitorUrls(new ArrayList<>(found.keySet()), relative);
    }

    /** Refuses the lot when any URL is one the producer would refuse, naming up to {@value #SHOWN} with where and why. */
    private static void refuseInvalid(Map<String, String> found) {
        UrlNormalizer normalizer = new UrlNormalizer();
        List<String> problems = new ArrayList<>();
        int bad = 0;
        for (Map.Entry<String, String> url : found.entrySet()) {
            if (normalizer.normalize(url.getKey()) instanceof UrlVerdict.Invalid invalid && ++bad <= SHOWN) {
                problems.add(url.getValue() + ": " + shortened(url.getKey()) + ": " + invalid.reason());
            }
        }
        if (bad > 0) {
            throw new IllegalArgumentException(bad + (bad == 1 ? " URL is" : " URLs are") + " not one a monitor can check"
                    + (bad > SHOWN ? " (the first " + SHOWN + " shown)" : "") + ": " + String.join("; ", problems));
        }
    }

    private static String shortened(String url) {
        return url.length() > 100 ? url.substring(0, 100) + "..." : url;
    }

    private static void readList(String list, Supplier<InputStream> stdin, Map<String, String> found) {
        String name = list.equals("-") ? "stdin" : list;
        try (InputStream in = list.equals("-") ? stdin.get() : Files.newInputStream(Path.of(list));
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                String url = line.strip();
                if (!url.isEmpty() && !url.startsWith("#")) {
                    found.putIfAbsent(url, name + " line " + number);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + list + ": " + e.getMessage(), e);
        }
    }

    private static List<Link> links(Path document) {
        try {
            return LinkExtractor.extract(document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + document + ": " + e.getMessage(), e);
        }
    }
}
