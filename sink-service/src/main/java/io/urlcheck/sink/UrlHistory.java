package io.urlcheck.sink;

import io.urlcheck.contract.CheckResult;

import java.util.List;

/** The body of {@code GET /api/results/lookup}: a URL's latest result and every check of it, newest first. */
public record UrlHistory(CheckResult latest, List<CheckResult> history) {
}
