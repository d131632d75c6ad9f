package io.urlcheck.launcher.input;

import com.fasterxml.jackson.core.JsonGenerator;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.LinkSource;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The body of a submission with documents: a JSON array for {@code POST /api/jobs} in which every link found
 * is an object {@code {"url": ..., "source": {"file": ..., "line": ...}}} (every occurrence, so that the
 * producer accounts for each), and every line of a URL list given beside the documents is a plain string.
 * Built in memory: documents hold thousands of links, not millions (a pure URL list is streamed as text).
 */
public final class LinkUpload {

    private final byte[] body;
    private final LinkIndex index;
    private final int links;

    private LinkUpload(byte[] body, LinkIndex index, int links) {
        this.body = body;
        this.index = index;
        this.links = links;
    }

    /** Reads every input; {@code stdin} is read for a {@code -} list. */
    public static LinkUpload of(Inputs inputs, LinkTargets targets, Supplier<InputStream> stdin) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LinkIndex index = new LinkIndex();
        int links = 0;
        try (JsonGenerator json = JsonCodec.mapper().getFactory().createGenerator(out)) {
            json.writeStartArray();
            for (String list : inputs.lists()) {
                try (InputStream in = list.equals("-") ? stdin.get() : Files.newInputStream(Path.of(list));
                     BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        json.writeString(line);
                    }
                }
            }
            for (Path document : inputs.documents()) {
                String file = document.toString().replace('\\', '/');
                List<Link> found = LinkExtractor.extract(document);
                for (Link link : found) {
                    String target = targets.target(link.target(), document).orElse(null);
                    if (target == null) {
                        continue;
                    }
                    LinkSource source = new LinkSource(file, link.line());
                    json.writeStartObject();
                    json.writeStringField("url", target);
                    json.writeObjectField("source", source);
                    json.writeEndObject();
                    index.add(target, source);
                    links++;
                }
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the inputs: " + e.getMessage(), e);
        }
        return new LinkUpload(out.toByteArray(), index, links);
    }

    /** The JSON array, opened afresh each time it is asked. */
    public Supplier<InputStream> body() {
        return () -> new ByteArrayInputStream(body);
    }

    /** Where each link was found, for one result row per occurrence. */
    public LinkIndex index() {
        return index;
    }

    /** How many link occurrences were submitted. */
    public int links() {
        return links;
    }
}
