package io.urlcheck.launcher.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/** The FILE arguments and {@code --base} of {@code run} and {@code submit}: what to check, and where relative links point. */
public final class InputOptions {

    @Parameters(paramLabel = "FILE|-", arity = "1..*",
            description = "URLs, one per line (blank lines and # comments are skipped); or .md, .html, .htm files and folders of them, whose links are checked.")
    List<String> files;

    @Option(names = "--base", paramLabel = "URL",
            description = "Resolve relative links of documents against URL (joined with the document's folder); without it they are reported as SKIPPED.")
    String base;

    /** Reads the inputs, and the documents' links; a usage error as an {@link IllegalArgumentException}. */
    Upload prepare() {
        return Upload.prepare(files, base);
    }
}
