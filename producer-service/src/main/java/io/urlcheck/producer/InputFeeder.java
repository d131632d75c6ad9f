package io.urlcheck.producer;

import java.io.IOException;
import java.io.InputStream;

/** Reads one submission's body in its format (lines, a JSON array...) and hands each input to the ingestion. */
@FunctionalInterface
public interface InputFeeder {

    /**
     * Feeds every input to {@code ingestion}, streaming.
     *
     * @throws SubmissionException when the body cannot be read as its format
     */
    void feed(Ingestion ingestion) throws IOException;

    /** A feeder of text with one URL per line, read by a {@link LineReader} capped at {@code maxLineBytes}. */
    static InputFeeder lines(InputStream body, int maxLineBytes) {
        return ingestion -> {
            LineReader reader = new LineReader(body, maxLineBytes);
            for (Line line = reader.next(); line != null; line = reader.next()) {
                ingestion.line(line);
            }
        };
    }
}
