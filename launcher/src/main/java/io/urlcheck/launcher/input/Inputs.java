package io.urlcheck.launcher.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The FILE arguments of {@code run} and {@code submit}: URL lists (one URL per line: {@code .txt}, any other
 * file, {@code -} for stdin) and documents whose links are checked ({@code .md}, {@code .html}, {@code .htm},
 * and folders, searched recursively for those, hidden folders such as {@code .git} left out).
 *
 * @param lists     the URL lists, as named ({@code -} = stdin)
 * @param documents the documents, folders expanded, in the order given (each folder's files sorted)
 */
public record Inputs(List<String> lists, List<Path> documents) {

    public Inputs {
        lists = List.copyOf(lists);
        documents = List.copyOf(documents);
    }

    /** Sorts {@code args} into lists and documents; a usage-style {@link IllegalArgumentException} for a bad one. */
    public static Inputs of(List<String> args) {
        List<String> lists = new ArrayList<>();
        List<Path> documents = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("-")) {
                if (lists.contains("-")) {
                    throw new IllegalArgumentException("- (stdin) given twice");
                }
                lists.add(arg);
                continue;
            }
            Path path = Path.of(arg);
            if (Files.isDirectory(path)) {
                List<Path> found = documentsUnder(path);
                if (found.isEmpty()) {
                    throw new IllegalArgumentException("folder " + arg + " holds no .md, .html or .htm file");
                }
                documents.addAll(found);
            } else if (!Files.isReadable(path)) {
                throw new IllegalArgumentException("cannot read " + arg
                        + " (give a file of URLs, one per line, a .md, .html or .htm file, a folder of them, or - for stdin)");
            } else if (LinkExtractor.isDocument(path)) {
                documents.add(path);
            } else {
                lists.add(arg);
            }
        }
        return new Inputs(lists, documents);
    }

    /** True when some input is a document, so the submission carries links with their sources. */
    public boolean hasDocuments() {
        return !documents.isEmpty();
    }

    private static List<Path> documentsUnder(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> !hidden(folder, p))
                    .filter(Files::isRegularFile)
                    .filter(LinkExtractor::isDocument)
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /** True for a path inside a hidden folder (or a hidden file) below {@code root}. */
    private static boolean hidden(Path root, Path p) {
        for (Path segment : root.relativize(p)) {
            if (segment.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
