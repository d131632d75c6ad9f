package io.urlcheck.launcher.output;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BaselineFileTest {

    private static final String A = "{\"url\":\"http://a/\",\"outcome\":\"OK\",\"statusCode\":200,"
            + "\"checkedAt\":\"2026-12-01T10:00:00Z\"}";
    private static final String B = "{\"url\":\"http://b/\",\"outcome\":\"SKIPPED\",\"checkedAt\":null}";

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void readsTheJsonArrayRunWritesByDefault() throws IOException {
        Path file = write("results.json", "[\n" + A + ",\n" + B + "\n]\n");

        assertThat(BaselineFile.read(file)).containsExactly(
                new BaselineDiff.Entry("http://a/", "OK", Instant.parse("2026-12-01T10:00:00Z")),
                new BaselineDiff.Entry("http://b/", "SKIPPED", null));
    }

    @Test
    void readsJsonLinesAndAnEmptyArray() throws IOException {
        assertThat(BaselineFile.read(write("results.jsonl", A + "\n\n" + B + "\n"))).hasSize(2);
        assertThat(BaselineFile.read(write("empty.json", "[]\n"))).isEmpty();
    }

    @Test
    void aMissingFileSaysSoAndWhatToGive() {
        assertThatThrownBy(() -> BaselineFile.read(dir.resolve("nope.json")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read baseline").hasMessageContaining("nope.json");
    }

    @Test
    void csvIsRefusedByName() throws IOException {
        Path file = write("results.csv", "url,outcome,statusCode\nhttp://a/,OK,200\n");
        assertThatThrownBy(() -> BaselineFile.read(file))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not csv");
    }

    @Test
    void malformedJsonIsAClearErrorWithItsPlace() throws IOException {
        Path truncated = write("truncated.json", "[\n" + A + ",\n{\"url\":\"http://b/\",");
        assertThatThrownBy(() -> BaselineFile.read(truncated))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("baseline " + truncated + " is not valid JSON").hasMessageContaining("line");
        Path empty = write("empty.json", "  \n");
        assertThatThrownBy(() -> BaselineFile.read(empty)).hasMessageContaining("is empty");
    }

    @Test
    void aResultWithoutUrlOrOutcomeOrWithABadInstantIsNamed() throws IOException {
        Path noOutcome = write("a.json", "[" + A + ", {\"url\":\"http://b/\"}]");
        assertThatThrownBy(() -> BaselineFile.read(noOutcome)).hasMessageContaining("result 2 has no \"outcome\"");
        Path notObject = write("b.json", "[1]");
        assertThatThrownBy(() -> BaselineFile.read(notObject)).hasMessageContaining("result 1 is not a JSON object");
        Path badTime = write("c.json", "{\"url\":\"http://a/\",\"outcome\":\"OK\",\"checkedAt\":\"yesterday\"}");
        assertThatThrownBy(() -> BaselineFile.read(badTime)).hasMessageContaining("not an ISO-8601 instant");
    }
}
