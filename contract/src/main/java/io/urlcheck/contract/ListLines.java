package io.urlcheck.contract;

/**
 * The rule for the lines of a URL list that are not inputs: a blank line, or a {@code #} comment, once surrounding
 * whitespace is stripped. The producer skips them (counted as {@code skipped} in {@link JobTotals}), a monitor
 * upload leaves them out, and the launcher knows from it that a list holds nothing to check.
 */
public final class ListLines {

    private ListLines() {
    }

    /** True when {@code line} is blank or a {@code #} comment. */
    public static boolean isBlankOrComment(String line) {
        String stripped = line.strip();
        return stripped.isEmpty() || stripped.charAt(0) == '#';
    }
}
