package io.urlcheck.sink.api;

import io.urlcheck.contract.CheckResult;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes results as CSV (RFC 4180 quoting). A cell that a spreadsheet would run as a formula
 * ({@code = + - @} first) gets a leading apostrophe, since titles and inputs come from strangers.
 */
final class CsvWriter {

    static final String HEADER = "url,outcome,statusCode,responseTimeMs,checkedAt,jobId,title,finalUrl,contentType,"
            + "contentLength,error,attempts,workerId,checkId,sourceFile,sourceLine";

    private CsvWriter() {
    }

    static void writeRow(Writer out, CheckResult r) throws IOException {
        Object[] cells = {r.url(), r.outcome(), r.statusCode(), r.responseTimeMs(), r.checkedAt(), r.jobId(), r.title(),
                r.finalUrl(), r.contentType(), r.contentLength(), r.error(), r.attempts(), r.workerId(), r.checkId(),
                r.source() == null ? null : r.source().file(), r.source() == null ? null : r.source().line()};
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells[i]));
        }
        out.write("\r\n");
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !(value instanceof Number)) {
            s = "'" + s;
        }
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
