package io.urlcheck.sink.store;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.sink.Cursor;
import io.urlcheck.sink.ResultPage;
import io.urlcheck.sink.ResultQuery;

import java.util.List;

/** Cuts a page out of rows fetched with one row more than the limit, and names the cursor of the next one. */
public final class Pages {

    private Pages() {
    }

    /** {@code rows} holds up to {@code limit + 1} rows in the query's order; the extra one only proves a next page. */
    public static ResultPage of(List<CheckResult> rows, ResultQuery query) {
        int limit = query.limit();
        if (rows.size() <= limit) {
            return new ResultPage(rows, null);
        }
        List<CheckResult> page = rows.subList(0, limit);
        CheckResult last = page.get(limit - 1);
        String next = new Cursor(query.sort(), ResultQuery.sortKey(last, query.sort()), last.url()).encode();
        return new ResultPage(List.copyOf(page), next);
    }
}
