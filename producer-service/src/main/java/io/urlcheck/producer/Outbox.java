package io.urlcheck.producer;

import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobTotals;

/** Where ingestion puts what it decided; the messaging edge sends each to its topic. */
public interface Outbox {

    /** An accepted URL, for {@code urlcheck.requests}. */
    void request(CheckRequest request);

    /** A rejected input, for {@code urlcheck.results}. */
    void rejected(CheckResult result);

    /** A job's totals, for {@code urlcheck.jobs}. */
    void totals(JobTotals totals);
}
