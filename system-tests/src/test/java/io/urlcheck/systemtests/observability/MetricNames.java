package io.urlcheck.systemtests.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The metric-name cross-check of deploy/observability: which metric names the Grafana dashboards' and the
 * PrometheusRules' PromQL refer to, which names a {@code /q/metrics} scrape exports, and which referenced
 * names no scrape has. A referenced name must appear exactly as a sample name ({@code x_bucket} only
 * where the histogram's buckets are exported); a miss says which files refer to it and, when a near name
 * is exported ({@code x_total} for {@code x}, the family without the suffix), which.
 */
final class MetricNames {

    /** The component's files, relative to the repository root. */
    static final Path DASHBOARDS = Path.of("deploy/observability/dashboards");
    static final Path RULES = Path.of("deploy/observability/prometheusrule.yaml");
    /**
     * Names no urlcheck service exports, which the rules read from the platform: the kubelet's volume statistics,
     * which it exports for every PersistentVolumeClaim (the Kafka disk alerts). Exact names, so a misspelling is
     * still a miss.
     */
    static final Set<String> PLATFORM = Set.of("kubelet_volume_stats_available_bytes", "kubelet_volume_stats_capacity_bytes");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    /** Grafana's template query: the metric is the first argument, the second a label. */
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\s*\\(\\s*([^,()]*?)\\s*,\\s*[A-Za-z_][\\w]*\\s*\\)");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^\\]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", Pattern.CASE_INSENSITIVE);
    /** An identifier not glued to a number (the {@code h} of {@code 1h}), a dot or a Grafana {@code $variable}. */
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$:])[A-Za-z_:][\\w:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "atan2", "inf", "nan", "start", "end");
    private static final List<String> SUFFIXES = List.of("_bucket", "_count", "_sum", "_max", "_total", "_created");

    private MetricNames() {
    }

    /** The metric names one PromQL expression refers to: no functions, keywords, labels, durations or strings. */
    static Set<String> referencedIn(String promql) {
        String s = STRINGS.matcher(promql).replaceAll(" ");
        s = LABEL_VALUES.matcher(s).replaceAll("$1");
        s = MATCHERS.matcher(s).replaceAll(" ");
        s = RANGES.matcher(s).replaceAll(" ");
        s = GROUPING.matcher(s).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String token = m.group();
            int next = m.end();
            while (next < s.length() && Character.isWhitespace(s.charAt(next))) {
                next++;
            }
            boolean call = next < s.length() && s.charAt(next) == '(';
            if (!call && !KEYWORDS.contains(token.toLowerCase(Locale.ROOT))) {
                names.add(token);
            }
        }
        return names;
    }

    /** Every PromQL expression of a Grafana dashboard: the panels' {@code expr} and the template variables' queries. */
    static List<String> dashboardExpressions(String dashboardJson) {
        List<String> out = new ArrayList<>();
        try {
            collectExpr(JSON.readTree(dashboardJson), out);
            for (JsonNode variable : JSON.readTree(dashboardJson).path("templating").path("list")) {
                JsonNode query = variable.path("query");
                String text = query.isTextual() ? query.asText() : query.path("query").asText("");
                if ("query".equals(variable.path("type").asText()) && !text.isBlank()) {
                    out.add(text);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a dashboard JSON: " + e.getMessage(), e);
        }
        return out;
    }

    private static void collectExpr(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                if (f.getKey().equals("expr") && f.getValue().isTextual()) {
                    out.add(f.getValue().asText());
                } else {
                    collectExpr(f.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectExpr(n, out));
        }
    }

    /** A PrometheusRule's expressions, without the names its own recording rules define. */
    static Set<String> ruleReferences(String ruleYaml) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> recorded = new TreeSet<>();
        try {
            for (JsonNode group : YAML.readTree(ruleYaml).path("spec").path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    names.addAll(referencedIn(rule.path("expr").asText("")));
                    if (rule.hasNonNull("record")) {
                        recorded.add(rule.get("record").asText());
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a PrometheusRule YAML: " + e.getMessage(), e);
        }
        names.removeAll(recorded);
        return names;
    }

    /** The metric names of one dashboard. */
    static Set<String> dashboardReferences(String dashboardJson) {
        Set<String> names = new LinkedHashSet<>();
        dashboardExpressions(dashboardJson).forEach(e -> names.addAll(referencedIn(e)));
        return names;
    }

    /** Referenced name -> the files (relative to {@code root}) that refer to it: every dashboard and the rules. */
    static Map<String, Set<String>> referencedBy(Path root) {
        Map<String, Set<String>> byName = new TreeMap<>();
        try (Stream<Path> files = Files.list(root.resolve(DASHBOARDS))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                add(byName, dashboardReferences(Files.readString(file)), root.relativize(file).toString());
            }
            add(byName, ruleReferences(Files.readString(root.resolve(RULES))), RULES.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byName;
    }

    static void add(Map<String, Set<String>> byName, Set<String> names, String file) {
        for (String name : names) {
            byName.computeIfAbsent(name, n -> new TreeSet<>()).add(file);
        }
    }

    /** The sample names of a Prometheus text or OpenMetrics scrape. */
    static Set<String> exportedIn(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < t.length() && t.charAt(end) != '{' && !Character.isWhitespace(t.charAt(end))) {
                end++;
            }
            names.add(t.substring(0, end));
        }
        return names;
    }

    /** One line per referenced name no scrape exports: the name, who refers to it, and a near name if one is exported. */
    static List<String> missing(Map<String, Set<String>> referencedBy, Set<String> exported) {
        List<String> out = new ArrayList<>();
        referencedBy.forEach((name, files) -> {
            if (!exported.contains(name) && !PLATFORM.contains(name)) {
                out.add(name + " (referenced in " + String.join(", ", files) + ")" + hint(name, exported));
            }
        });
        return out;
    }

    private static String hint(String name, Set<String> exported) {
        for (String suffix : SUFFIXES) {
            if (exported.contains(name + suffix)) {
                return "; exported as " + name + suffix;
            }
            if (name.endsWith(suffix)) {
                String family = name.substring(0, name.length() - suffix.length());
                List<String> siblings = exported.stream().filter(e -> e.startsWith(family + "_") || e.equals(family))
                        .filter(e -> SUFFIXES.stream().anyMatch(x -> e.equals(family + x)) || e.equals(family)).toList();
                if (!siblings.isEmpty()) {
                    return "; its family is exported without " + suffix + " (only " + String.join(", ", siblings) + ")";
                }
            }
        }
        return "";
    }
}
