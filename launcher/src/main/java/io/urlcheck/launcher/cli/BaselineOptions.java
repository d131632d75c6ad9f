package io.urlcheck.launcher.cli;

import io.urlcheck.launcher.output.BaselineDiff;
import io.urlcheck.launcher.output.BaselineFile;
import io.urlcheck.launcher.output.BaselineReport;
import io.urlcheck.launcher.output.Style;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code run --baseline FILE [--fail-on-new]}: compare this run with an earlier run's results file and say what
 * broke and what recovered, failing the run only on newly broken URLs when asked. The rules are
 * {@link BaselineDiff}'s; this class only reads the options, the files and the exit code.
 */
public final class BaselineOptions {

    @Option(names = "--baseline", paramLabel = "PATH",
            description = "An earlier run's results (json or jsonl): print the URLs that broke or recovered since.")
    Path baseline;

    @Option(names = "--fail-on-new", description = "With --baseline: exit 1 only when a URL broke since the baseline.")
    boolean failOnNew;

    private List<BaselineDiff.Entry> before;

    /**
     * Checks the options and reads the baseline, before anything starts; a mistake or an unreadable or malformed
     * file is an {@link IllegalArgumentException} (a usage error).
     */
    void load() {
        if (failOnNew && baseline == null) {
            throw new IllegalArgumentException("--fail-on-new needs --baseline FILE (the results of an earlier run)"
                    + " to know which failures are new");
        }
        if (baseline != null) {
            before = BaselineFile.read(baseline);
        }
    }

    /** This run's results (a JSON Lines stream) against the baseline; null without {@code --baseline}. */
    BaselineDiff compare(Supplier<InputStream> results) {
        if (before == null) {
            return null;
        }
        try (InputStream in = results.get()) {
            return BaselineDiff.compare(before, BaselineFile.read(in, "this run's results"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read this run's results: " + e.getMessage(), e);
        }
    }

    /** Prints {@code diff} (nothing when null). */
    void print(BaselineDiff diff, Style style, PrintStream out) {
        if (diff != null) {
            out.print(BaselineReport.render(diff, baseline.toString(), style));
        }
    }

    /** True when {@code --fail-on-new} was given and a URL broke. */
    boolean fails(BaselineDiff diff) {
        return failOnNew && diff != null && diff.anyBroken();
    }
}
