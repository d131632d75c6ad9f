package io.urlcheck.producer;

import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobTotals;

import java.util.ArrayList;
import java.util.List;

/** An {@link Outbox} that keeps what it is given, in order, for a test to read. */
public final class RecordingOutbox implements Outbox {

    /** The requests published, in order. */
    public final List<CheckRequest> requests = new ArrayList<>();
    /** The rejections published, in order. */
    public final List<CheckResult> rejections = new ArrayList<>();
    /** The totals published, in order. */
    public final List<JobTotals> totals = new ArrayList<>();

    @Override
    public void request(CheckRequest request) {
        requests.add(request);
    }

    @Override
    public void rejected(CheckResult result) {
        rejections.add(result);
    }

    @Override
    public void totals(JobTotals jobTotals) {
        totals.add(jobTotals);
    }
}
