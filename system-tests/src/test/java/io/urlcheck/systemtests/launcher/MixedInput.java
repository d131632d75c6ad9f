package io.urlcheck.systemtests.launcher;

import io.urlcheck.contract.Outcome;
import io.urlcheck.systemtests.support.Targets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small URL file with every kind of line a user writes, and the outcome each result must have. */
final class MixedInput {

    /** What each distinct input must come out as, keyed by the result's {@code url}. */
    final Map<String, Outcome> expected = new LinkedHashMap<>();
    final Path file;

    MixedInput(Targets targets, Path dir) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            lines.add(targets.url(1, "/status/200?n=" + i));
            expected.put(targets.url(1, "/status/200?n=" + i), Outcome.OK);
        }
        for (int i = 0; i < 2; i++) {
            lines.add(targets.url(1, "/status/404?n=" + i));
            expected.put(targets.url(1, "/status/404?n=" + i), Outcome.HTTP_ERROR);
        }
        lines.add(targets.url(1, "/redirect"));
        expected.put(targets.url(1, "/redirect"), Outcome.OK);
        lines.add("not a url");
        expected.put("not a url", Outcome.INVALID_URL);
        lines.add("");
        lines.add("# a comment line is skipped");
        lines.add(targets.url(1, "/status/200?n=0"));
        try {
            file = Files.write(dir.resolve("urls.txt"), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
