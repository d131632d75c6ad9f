package io.urlcheck.contract;

/**
 * Where a link was found: the document (as the user named it, e.g. {@code docs/install.md}) and the 1-based
 * line in it, so that a broken link can be fixed at its source. Optional on {@link CheckRequest} and
 * {@link CheckResult}: null for a URL read from a list, where the list line is not worth a field.
 *
 * @param file the document's path as given to the launcher, cut to {@link #MAX_FILE_LENGTH} characters
 * @param line the 1-based line the link starts on
 */
public record LinkSource(String file, int line) {

    /** The longest file name carried; a longer one is cut with a marker, so a result always fits a record. */
    public static final int MAX_FILE_LENGTH = 1024;

    /** Applies the {@link WireValues} rules to the file name and refuses a missing file or a line below 1. */
    public LinkSource {
        file = WireValues.text(file);
        if (file != null && file.length() > MAX_FILE_LENGTH) {
            file = file.substring(0, MAX_FILE_LENGTH) + "...";
        }
        if (file == null || file.isEmpty()) {
            throw new IllegalArgumentException("a link source needs a file");
        }
        if (line < 1) {
            throw new IllegalArgumentException("a link source's line starts at 1, got " + line);
        }
    }

    /** {@code file:line}, as editors and compilers print a place in a file. */
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
