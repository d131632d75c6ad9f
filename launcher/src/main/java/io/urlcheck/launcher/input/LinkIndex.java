package io.urlcheck.launcher.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.LinkSource;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every place each link was found, so that the results of a run list one row per link occurrence. The
 * pipeline checks a URL once per job (the producer counts repeats as duplicates and the sink keeps one result
 * per URL), and that result carries the source of its first occurrence; {@link #expand} copies it for every
 * other place the same URL was found. Occurrences are matched on a key that forgets what the producer's
 * normalization forgets most often (scheme and host case, default port, fragment, dot segments).
 */
public final class LinkIndex {

    /** An index of no documents: every result stays as it is. */
    public static final LinkIndex EMPTY = new LinkIndex();

    private final Map<String, Set<LinkSource>> sources = new HashMap<>();

    /** Records that the link submitted as {@code input} was found at {@code source}. */
    void add(String input, LinkSource source) {
        sources.computeIfAbsent(key(input), k -> new LinkedHashSet<>()).add(source);
    }

    /** True when no link was recorded. */
    public boolean isEmpty() {
        return sources.isEmpty();
    }

    /** One copy of {@code result} (a result object as the sink exports it) per place its link was found. */
    public List<JsonNode> expand(JsonNode result) {
        JsonNode input = result.get("input");
        Set<LinkSource> places = input == null || !input.isTextual() ? null : sources.get(key(input.asText()));
        if (places == null || places.size() < 2 || !(result instanceof ObjectNode object)) {
            return List.of(result);
        }
        List<JsonNode> rows = new ArrayList<>(places.size());
        for (LinkSource place : places) {
            ObjectNode copy = object.deepCopy();
            copy.set("source", JsonCodec.mapper().valueToTree(place));
            rows.add(copy);
        }
        return rows;
    }

    /** The matching key of a submitted input: its absolute URL without what normalization drops, else the input. */
    static String key(String input) {
        String trimmed = input.strip();
        try {
            URI uri = new URI(trimmed).normalize();
            if (uri.getScheme() == null || uri.getHost() == null) {
                return trimmed;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || port == 80 && scheme.equals("http") || port == 443 && scheme.equals("https");
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } catch (URISyntaxException e) {
            return trimmed;
        }
    }
}
