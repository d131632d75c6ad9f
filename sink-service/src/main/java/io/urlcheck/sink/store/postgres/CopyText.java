package io.urlcheck.sink.store.postgres;

import java.time.format.DateTimeFormatter;

/**
 * Encodes rows in the text format of {@code COPY ... FROM STDIN}: one line per row, columns
 * separated by tabs, {@code \N} for null, and backslash, tab, newline and carriage return escaped.
 * The column order is that of the writer's staging table.
 */
final class CopyText {

    private CopyText() {
    }

    /** Appends one row, with its line end. */
    static void row(StringBuilder sb, ResultRow r) {
        field(sb, r.checkId()).append('\t');
        field(sb, r.url()).append('\t');
        field(sb, r.jobId()).append('\t');
        field(sb, r.host()).append('\t');
        field(sb, r.outcome()).append('\t');
        field(sb, r.statusCode() == null ? null : r.statusCode().toString()).append('\t');
        field(sb, r.responseTimeMs() == null ? null : r.responseTimeMs().toString()).append('\t');
        field(sb, r.title()).append('\t');
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.formatTo(r.checkedAt(), sb);
        sb.append('\t');
        field(sb, r.document()).append('\t');
        field(sb, r.sourceFile()).append('\t');
        field(sb, r.sourceLine() == null ? null : r.sourceLine().toString()).append('\n');
    }

    private static StringBuilder field(StringBuilder sb, String value) {
        if (value == null) {
            return sb.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(ch);
            }
        }
        return sb;
    }
}
