package io.urlcheck.launcher.cli;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The URLs a monitor checks, read from {@code monitor add}'s FILE arguments as {@code submit} reads them: URL
 * lists (one a line, blank lines and {@code #} comments skipped, {@code -} = stdin) and the links of {@code .md},
 * {@code .html} and {@code .htm} files and folders. A monitor checks each URL once, so repeats are dropped;
 * a relative link is resolved with {@code --base} and left out (and counted) without it, since a monitor
 * holds only URLs that can be requested.
 *
 * @param urls             every URL, first occurrence first
 * @param relativeLeftOut  relative links left out for want of {@code --base}
 */
record MonitorUrls(List<String> urls, int relativeLeftOut) {

    /** A reference with a scheme; without {@code --base} the others stay relative. */
    private static final Pattern ABSOLUTE = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");

    MonitorUrls {
        urls = List.copyOf(urls);
    }

    /** Reads {@code files}; an {@link IllegalArgumentException} for an unreadable input, a bad base or no URL at all. */
    static MonitorUrls read(List<String> files, String base, Supplier<InputStream> stdin) {
        Inputs inputs = Inputs.of(files);
        URI baseUrl = base == null ? null : LinkTargets.parseBase(base);
        if (!inputs.hasDocuments() && base != null) {
            throw new IllegalArgumentException("--base resolves links of .md, .html and .htm files, and none was given");
        }
        Set<String> urls = new LinkedHashSet<>();
        for (String list : inputs.lists()) {
            readList(list, stdin, urls);
        }
        LinkTargets targets = new LinkTargets(baseUrl, Path.of(""));
        int relative = 0;
        for (Path document : inputs.documents()) {
            for (Link link : links(document)) {
                String target = targets.target(link.target(), document).orElse(null);
                if (target == null) {
                    continue;
                }
                if (!ABSOLUTE.matcher(target).lookingAt()) {
                    relative++;
                } else {
                    urls.add(target);
                }
            }
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no URL to monitor in " + String.join(" ", files)
                    + (relative > 0 ? " (" + relative + " relative links: give --base URL to resolve them)" : ""));
        }
        return new MonitorUrls(new ArrayList<>(urls), relative);
    }

    private static void readList(String list, Supplier<InputStream> stdin, Set<String> urls) {
        try (InputStream in = list.equals("-") ? stdin.get() : Files.newInputStream(Path.of(list));
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String url = line.strip();
                if (!url.isEmpty() && !url.startsWith("#")) {
                    urls.add(url);
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
