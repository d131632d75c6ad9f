package io.urlcheck.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.urlcheck.contract.JsonCodec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario's outcome: a small table on stdout and one JSON line appended to
 * {@code bench/results/<scenario>.jsonl} with the machine, the options, every run and the medians.
 */
public final class Report {

    private final String scenario;
    private final Map<String, Object> record = new LinkedHashMap<>();
    private final List<String[]> rows = new ArrayList<>();

    private final Bench bench;

    public Report(String scenario, Bench bench) {
        this.scenario = scenario;
        this.bench = bench;
        record.put("scenario", scenario);
        record.put("date", Instant.now().toString());
        record.put("machine", Machine.describe(bench.home()));
        record.put("options", bench.options().asMap());
    }

    /** Puts a figure (or any JSON-able value) into the record. */
    public Report put(String key, Object value) {
        record.put(key, value instanceof Double d ? Stats.round(d, 3) : value);
        return this;
    }

    /** Adds a table row; the first row added is the header. */
    public Report row(Object... cells) {
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            text[i] = cells[i] instanceof Double d ? format(d) : String.valueOf(cells[i]);
        }
        rows.add(text);
        return this;
    }

    private static String format(double d) {
        if (Double.isNaN(d)) {
            return "-";
        }
        return Math.abs(d) >= 100 ? String.format("%.0f", d) : String.format("%.2f", d);
    }

    /** Prints the table and appends the record to {@code resultsDir/<scenario>.jsonl}. */
    public void finish(Path resultsDir) {
        record.put("serviceJars", bench.serviceJars());
        System.out.println();
        System.out.println("== " + scenario + " (" + record.get("date") + ", load " + Machine.loadAverage() + ")");
        int[] widths = new int[rows.stream().mapToInt(r -> r.length).max().orElse(0)];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < rows.get(r).length; i++) {
                String cell = rows.get(r)[i];
                line.append(i == 0 ? String.format("%-" + widths[i] + "s", cell) : String.format("  %" + widths[i] + "s", cell));
            }
            System.out.println(line);
            if (r == 0) {
                System.out.println("-".repeat(line.length()));
            }
        }
        try {
            Files.createDirectories(resultsDir);
            Path file = resultsDir.resolve(scenario + ".jsonl");
            Files.writeString(file, JsonCodec.mapper().writeValueAsString(record) + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            System.out.println("recorded in " + file);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the record", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot append to " + resultsDir, e);
        }
    }
}
