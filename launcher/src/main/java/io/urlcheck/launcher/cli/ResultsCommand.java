package io.urlcheck.launcher.cli;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Outcome;
import io.urlcheck.launcher.client.SinkClient;
import io.urlcheck.launcher.output.ResultTable;
import io.urlcheck.launcher.output.Style;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code urlcheck results}: the latest result per URL from a running sink, as a table, JSON or CSV. */
@Command(name = "results", sortOptions = false)
public final class ResultsCommand implements Callable<Integer> {

    /** What {@code --format} can print. */
    enum Format { table, json, csv, markdown }

    @Option(names = "--outcome", paramLabel = "OUTCOME", description = "Only results with this outcome.")
    Outcome outcome;

    @Option(names = "--job", paramLabel = "ID", description = "Only this job's results.")
    String jobId;

    @Option(names = "--format", paramLabel = "table|json|csv|markdown", defaultValue = "table",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--limit", paramLabel = "N", description = "At most N results (default: all).")
    Integer limit;

    @Mixin
    ApiOptions api;

    @Override
    public Integer call() throws Exception {
        if (limit != null && limit < 1) {
            throw Cli.usage(this, "--limit must be at least 1, got " + limit);
        }
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put("jobId", jobId);
        filter.put("outcome", outcome == null ? null : outcome.name());
        filter.put("limit", limit == null ? null : limit.toString());
        SinkClient sink = api.sink();
        PrintStream out = System.out;
        switch (format) {
            case json -> ResultsExport.write(sink, filter, ResultsExport.Format.json, out);
            case csv -> ResultsExport.write(sink, filter, ResultsExport.Format.csv, out);
            case markdown -> ResultsExport.write(sink, filter, ResultsExport.Format.markdown, out);
            case table -> printTable(sink, filter, out, Style.detect("stdout"));
            default -> throw new IllegalStateException("unknown format " + format);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void printTable(SinkClient sink, Map<String, String> filter, PrintStream out, Style style)
            throws IOException {
        out.println(ResultTable.header(style));
        long rows = 0;
        try (InputStream in = sink.export(filter, "jsonl");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    out.println(ResultTable.row(JsonCodec.decode(line.getBytes(StandardCharsets.UTF_8), CheckResult.class), style));
                    rows++;
                }
            }
        }
        out.println(style.dim(rows + " result" + (rows == 1 ? "" : "s")));
    }
}
