package io.urlcheck.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Command-line options as {@code --name value} pairs (or {@code --flag} for true), with typed defaults. */
public final class Options {

    private final Map<String, String> values = new LinkedHashMap<>();

    private Options() {
    }

    /** Parses {@code --name value} and bare {@code --flag} arguments. */
    public static Options parse(String[] args, int from) {
        Options options = new Options();
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected --name [value], got " + arg);
            }
            String name = arg.substring(2);
            int eq = name.indexOf('=');
            if (eq > 0) {
                options.values.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.values.put(name, args[++i]);
            } else {
                options.values.put(name, "true");
            }
        }
        return options;
    }

    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public int integer(String name, int fallback) {
        String v = values.get(name);
        return v == null ? fallback : Integer.parseInt(v.replace("_", "").replace(",", ""));
    }

    public boolean flag(String name, boolean fallback) {
        String v = values.get(name);
        return v == null ? fallback : Boolean.parseBoolean(v);
    }

    public Duration millis(String name, long fallbackMillis) {
        return Duration.ofMillis(integer(name, (int) fallbackMillis));
    }

    /** Every option given, for the JSON record. */
    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }
}
