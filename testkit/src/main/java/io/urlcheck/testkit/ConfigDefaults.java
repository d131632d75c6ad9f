package io.urlcheck.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's defaults live once, in its {@code @ConfigMapping}'s {@code @WithDefault}s. This reads them
 * by reflection and reads the places that restate them (a deploy properties file, a README table, CLI
 * help, a DESIGN.md), so a test can hold each copy to the one source and fail with a list of every
 * disagreement. Annotations are matched by name, so the testkit needs no SmallRye dependency.
 */
public final class ConfigDefaults {

    /** A deploy properties line preceded by a comment containing this may differ from the default. */
    public static final String DIFFERS_MARK = "differs from the default";

    private static final Pattern TABLE_ROW = Pattern.compile("^\\|\\s*`([a-z0-9.-]+)`\\s*\\|\\s*`([^`]*)`");
    private static final Pattern CLI_HELP = Pattern.compile("\\(([a-z]+\\.[a-z]+\\.[a-z0-9.-]+);[^()]*?default (\\w+)\\)");
    private static final Pattern MENTION = Pattern.compile("`([a-z0-9.-]+)` \\((?:default )?((?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\s?(?:ms|s|m|h))?)(?=\\s*[,)%])");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private ConfigDefaults() {
    }

    /** Every {@code @WithDefault} of {@code mapping} and its nested groups, by full property name. */
    public static Map<String, String> declared(Class<?> mapping) {
        String prefix = (String) annotationValue(mapping.getAnnotations(), "ConfigMapping", "prefix");
        if (prefix == null) {
            throw new IllegalArgumentException(mapping.getName() + " has no @ConfigMapping");
        }
        Map<String, String> out = new TreeMap<>();
        collect(mapping, prefix + ".", out);
        if (out.isEmpty()) {
            throw new IllegalArgumentException(mapping.getName() + " declares no @WithDefault: nothing to hold copies to");
        }
        return out;
    }

    private static void collect(Class<?> group, String prefix, Map<String, String> out) {
        for (Method m : group.getDeclaredMethods()) {
            if (m.getParameterCount() != 0 || m.isDefault() || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            String name = prefix + kebab(m.getName());
            Object value = annotationValue(m.getAnnotations(), "WithDefault", "value");
            if (value != null) {
                out.put(name, (String) value);
            } else if (m.getReturnType().isInterface() && m.getReturnType().getEnclosingClass() != null) {
                collect(m.getReturnType(), name + ".", out);
            }
        }
    }

    /** The {@code key=value} lines of a properties file, except those a {@link #DIFFERS_MARK} comment excuses. */
    public static Map<String, String> propertiesFile(Path file) {
        Map<String, String> out = new TreeMap<>();
        String previous = "";
        for (String line : lines(file)) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0 && !previous.contains(DIFFERS_MARK)) {
                out.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
            previous = line;
        }
        return out;
    }

    /** The rows of a Markdown configuration table whose default cell starts with one {@code `literal`}. */
    public static Map<String, String> readmeTable(Path file) {
        return matches(file, TABLE_ROW);
    }

    /** CLI help that names a property and its default, as {@code (urlcheck.x.key; ... default VALUE)}. */
    public static Map<String, String> cliHelp(Path source) {
        return matches(source, CLI_HELP);
    }

    /**
     * Prose that gives a value beside a name, such as {@code `max-in-flight` (256)}, {@code `drain-grace` (20 s)}
     * or {@code `urlcheck.sink.json.snapshot-interval` (default 1s, ...)}. Short names are keyed as
     * {@code prefix + name}; with a null prefix only full {@code urlcheck.*} names count.
     */
    public static Map<String, String> mentions(Path file, String prefix) {
        Map<String, String> out = new TreeMap<>();
        matches(file, MENTION).forEach((k, v) -> {
            if (k.startsWith("urlcheck.")) {
                out.put(k, v);
            } else if (prefix != null) {
                out.put(prefix + k, v);
            }
        });
        return out;
    }

    /**
     * Every key of {@code restated} that {@code declared} has must agree with it ({@link #same}); keys it
     * lacks are left to the caller. Fails listing each disagreement as {@code key: where says X, @WithDefault Y}.
     */
    public static void assertAgree(String where, Map<String, String> declared, Map<String, String> restated) {
        List<String> diffs = new ArrayList<>();
        restated.forEach((key, value) -> {
            String truth = declared.get(key);
            if (truth != null && !same(truth, value)) {
                diffs.add(key + ": " + where + " says '" + value + "', @WithDefault says '" + truth + "'");
            }
        });
        if (!diffs.isEmpty()) {
            throw new AssertionError(where + " disagrees with the @WithDefault it restates (fix the copy, or in a"
                    + " deploy file say why with a '# " + DIFFERS_MARK + "' comment above the line):\n  "
                    + String.join("\n  ", diffs));
        }
    }

    /** Fails naming every declared default {@code restated} does not list at all. */
    public static void assertListsEvery(String where, Map<String, String> declared, Map<String, String> restated) {
        List<String> missing = declared.keySet().stream().filter(k -> !restated.containsKey(k)).toList();
        if (!missing.isEmpty()) {
            throw new AssertionError(where + " does not list these defaults: " + missing);
        }
    }

    /**
     * Holds every copy of {@code mapping}'s defaults under the repository root to its {@code @WithDefault}s:
     * the deploy properties file, the README's configuration table (which must list every default) and
     * prose that gives a value beside a name in {@code proseFiles} (short names taken as
     * {@code <prefix>.name}; in RELIABILITY.md and README.md only full names). Fails once, listing every
     * disagreement in every file.
     */
    public static void assertEveryCopyAgrees(Class<?> mapping, String deployFile, String readme, String... proseFiles) {
        Path root = repoRoot();
        Map<String, String> declared = declared(mapping);
        String prefix = (String) annotationValue(mapping.getAnnotations(), "ConfigMapping", "prefix") + ".";
        List<String> failures = new ArrayList<>();
        collectFailure(failures, () -> assertAgree(deployFile, declared, propertiesFile(root.resolve(deployFile))));
        Map<String, String> table = readmeTable(root.resolve(readme));
        collectFailure(failures, () -> assertListsEvery(readme, declared, table));
        collectFailure(failures, () -> assertAgree(readme + " (table)", declared, table));
        for (String file : proseFiles) {
            boolean shared = file.equals("RELIABILITY.md") || file.equals("README.md");
            collectFailure(failures, () -> assertAgree(file, declared, mentions(root.resolve(file), shared ? null : prefix)));
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n", failures));
        }
    }

    private static void collectFailure(List<String> failures, Runnable check) {
        try {
            check.run();
        } catch (AssertionError e) {
            failures.add(e.getMessage());
        }
    }

    /** Equal ignoring case, spaces and thousands separators, or the same duration (a bare number restating a duration counts as seconds). */
    static boolean same(String declared, String restated) {
        String a = declared.replace(" ", "").toLowerCase(Locale.ROOT);
        String b = restated.replace(" ", "").replaceAll("(\\d),(?=\\d{3})", "$1").toLowerCase(Locale.ROOT);
        if (a.equals(b)) {
            return true;
        }
        Matcher da = DURATION.matcher(a);
        Matcher db = DURATION.matcher(b);
        return da.matches() && db.matches() && da.group(2) != null && duration(da).equals(duration(db));
    }

    private static Duration duration(Matcher m) {
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** The repository root, found upwards from the working directory (a module's, under Surefire). */
    public static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> matches(Path file, Pattern pattern) {
        Map<String, String> out = new TreeMap<>();
        for (String line : lines(file)) {
            Matcher m = pattern.matcher(line);
            while (m.find()) {
                out.put(m.group(1), m.group(2));
            }
        }
        return out;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Object annotationValue(Annotation[] annotations, String simpleName, String element) {
        for (Annotation a : annotations) {
            if (a.annotationType().getSimpleName().equals(simpleName)) {
                try {
                    return a.annotationType().getMethod(element).invoke(a);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read @" + simpleName + "." + element, e);
                }
            }
        }
        return null;
    }
}
