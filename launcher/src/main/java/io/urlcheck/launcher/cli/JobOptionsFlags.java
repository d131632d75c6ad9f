package io.urlcheck.launcher.cli;

import io.urlcheck.contract.JobOptions;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-job checking options of {@code run} and {@code submit}, sent with the job as its {@link JobOptions}
 * (the producer copies them into every request). An option not given leaves the service's setting in force.
 * Any of them can also come from {@code urlcheck.toml} ({@link ConfigFile}); a flag wins over the file.
 */
public final class JobOptionsFlags {

    @Option(names = "--accept", paramLabel = "CODES",
            description = "Statuses that count as OK, e.g. 200..299,403 (default: any status below 400).")
    String accept;

    @Option(names = "--include", paramLabel = "REGEX",
            description = "Check only URLs this regular expression finds; repeatable (any one suffices).")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "REGEX",
            description = "Skip URLs this regular expression finds, reported as SKIPPED with the rule; repeatable; wins over --include.")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--header", paramLabel = "'NAME: VALUE'",
            description = {"Send this request header; repeatable. Values are kept out of results and logs; keep",
                    "secrets in urlcheck.toml (chmod 600) rather than here, where ps shows them."})
    List<String> headers = new ArrayList<>();

    @Option(names = "--user-agent", paramLabel = "TEXT", description = "User-Agent (default: urlcheck/VERSION and its URL).")
    String userAgent;

    @Option(names = "--method", paramLabel = "head|get",
            description = "HEAD (falls back to GET on 405 or 501) or GET (default: get).")
    String method;

    @Option(names = "--insecure", description = "Accept invalid TLS certificates for this job; results still record the problem.")
    boolean insecure;

    @Option(names = "--max-redirects", paramLabel = "N", description = "Redirects to follow at most (default: the worker's setting).")
    Integer maxRedirects;

    @Option(names = "--host-interval", paramLabel = "DURATION",
            description = "Least time between two requests to one host, e.g. 250ms or 1s (default: none).")
    String hostInterval;

    /** The job options these flags give, with the per-job deadline and retries ({@code null}: the worker's setting). */
    JobOptions toJobOptions(String timeout, Integer retries) {
        Long timeoutMs = timeout == null ? null : DurationText.parse(timeout, "--timeout").toMillis();
        Long intervalMs = hostInterval == null ? null : DurationText.parse(hostInterval, "--host-interval").toMillis();
        String verb = method == null ? null : method.toUpperCase(Locale.ROOT);
        try {
            return new JobOptions(accept, include, exclude, headers(headers), userAgent, verb, insecure ? Boolean.TRUE : null,
                    maxRedirects, intervalMs, timeoutMs, retries);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flagNames(e.getMessage()), e);
        }
    }

    /** {@code Name: value} lines as a map; the message for a malformed one never shows the value. */
    static Map<String, String> headers(List<String> lines) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("--header expects 'Name: value'");
            }
            String name = line.substring(0, colon).strip();
            if (headers.put(name, line.substring(colon + 1).strip()) != null) {
                throw new IllegalArgumentException("--header " + name + " is given twice");
            }
        }
        return headers;
    }

    /** The contract names fields as JSON does; a command-line user knows them as flags. */
    private static String flagNames(String message) {
        return message.replace("maxRedirects", "--max-redirects").replace("hostIntervalMs", "--host-interval")
                .replace("timeoutMs", "--timeout (ms)").replace("userAgent", "--user-agent");
    }
}
