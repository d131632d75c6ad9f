package io.urlcheck.testkit;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads what the sink exports as JSON lines ({@code GET /api/results/export?format=jsonl}), for the suites' accounting. */
public final class ExportedResults {

    private ExportedResults() {
    }

    /** How many results {@code jsonl} holds per URL (blank lines skipped): 1 each when nothing is duplicated. */
    public static Map<String, Integer> perUrl(InputStream jsonl) throws IOException {
        Map<String, Integer> perUrl = new HashMap<>();
        for (CheckResult result : all(jsonl)) {
            perUrl.merge(result.url(), 1, Integer::sum);
        }
        return perUrl;
    }

    /** Every result {@code jsonl} holds, in order (blank lines skipped). */
    public static List<CheckResult> all(InputStream jsonl) throws IOException {
        List<CheckResult> results = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(jsonl, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isBlank()) {
                    results.add(JsonCodec.decode(line.getBytes(StandardCharsets.UTF_8), CheckResult.class));
                }
            }
        }
        return results;
    }
}
