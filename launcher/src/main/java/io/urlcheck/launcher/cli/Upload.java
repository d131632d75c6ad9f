package io.urlcheck.launcher.cli;

import io.urlcheck.contract.JobOptions;
import io.urlcheck.launcher.client.ProducerClient;
import io.urlcheck.launcher.client.Submission;
import io.urlcheck.launcher.input.Inputs;
import io.urlcheck.launcher.input.LinkIndex;
import io.urlcheck.launcher.input.LinkTargets;
import io.urlcheck.launcher.input.LinkUpload;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What {@code run} and {@code submit} send for their FILE arguments: URL lists streamed as text, one URL per
 * line, as always; or, when a document is among them, every link found (with its file and line) as a JSON
 * array, and the {@link LinkIndex} that gives the results one row per link occurrence.
 */
final class Upload {

    private final Inputs inputs;
    private final LinkUpload links;

    private Upload(Inputs inputs, LinkUpload links) {
        this.inputs = inputs;
        this.links = links;
    }

    /**
     * Reads the arguments (and the documents, to find their links) before anything starts.
     *
     * @param base {@code --base}, or null: relative links are then reported as skipped
     * @throws IllegalArgumentException a usage error: an unreadable file, a folder without documents, a bad base
     */
    static Upload prepare(List<String> files, String base) {
        Inputs inputs = Inputs.of(files);
        URI baseUrl = base == null ? null : LinkTargets.parseBase(base);
        if (!inputs.hasDocuments()) {
            if (base != null) {
                throw new IllegalArgumentException("--base resolves links of .md, .html and .htm files, and none was given");
            }
            if (nothingToCheck(inputs.lists())) {
                throw new IllegalArgumentException("no URLs in " + String.join(", ", inputs.lists())
                        + ": only blank lines and # comments, nothing to check");
            }
            return new Upload(inputs, null);
        }
        return new Upload(inputs, LinkUpload.of(inputs, new LinkTargets(baseUrl, Path.of("")), () -> System.in));
    }

    /**
     * Submits as job {@code jobId} (null: the producer picks one) with the job's {@code options}; a list read stops
     * once {@code stop} is true.
     */
    Submission send(ProducerClient producer, String jobId, JobOptions options, BooleanSupplier stop) {
        if (links != null) {
            return producer.submitJson(links.body(), jobId, options);
        }
        List<String> lists = inputs.lists();
        if (lists.size() == 1) {
            return producer.submit(Input.opener(lists.get(0), stop), jobId, options);
        }
        return producer.submit(() -> concatenated(lists, stop), jobId, options);
    }

    /**
     * True when every list is a file that certainly holds no URL ({@link Input#onlyBlankAndComments}). Stdin is
     * never read ahead: it may be a stream without end, and what was read could not be sent again.
     */
    private static boolean nothingToCheck(List<String> lists) {
        try {
            for (String list : lists) {
                if (list.equals("-") || !Input.onlyBlankAndComments(Path.of(list))) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false; // the upload reads it again and reports what is wrong
        }
    }

    /** Where each link was found; empty for URL lists. */
    LinkIndex index() {
        return links == null ? LinkIndex.EMPTY : links.index();
    }

    /** The lists one after another, each ending on a line break so that two lists never join a line. */
    private static InputStream concatenated(List<String> lists, BooleanSupplier stop) {
        List<InputStream> parts = new ArrayList<>();
        for (String list : lists) {
            parts.add(Input.opener(list, stop).get());
            parts.add(new ByteArrayInputStream("\n".getBytes(StandardCharsets.US_ASCII)));
        }
        return new SequenceInputStream(Collections.enumeration(parts));
    }
}
