package io.urlcheck.sink;

import io.urlcheck.contract.JobId;

/** The contract's {@link JobId} rule as a 400 of the sink's API. */
public final class JobIds {

    private JobIds() {
    }

    /** Returns {@code id} or throws the 400 reason. */
    public static String require(String id) {
        if (!JobId.isValid(id)) {
            throw new BadQueryException(JobId.refusal("jobId", id));
        }
        return id;
    }
}
