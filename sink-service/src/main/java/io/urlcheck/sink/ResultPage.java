package io.urlcheck.sink;

import io.urlcheck.contract.CheckResult;

import java.util.List;

/** One page of {@code GET /api/results}; {@code nextCursor} is null on the last page. */
public record ResultPage(List<CheckResult> items, String nextCursor) {
}
