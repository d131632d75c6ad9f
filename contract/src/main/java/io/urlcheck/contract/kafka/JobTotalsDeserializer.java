package io.urlcheck.contract.kafka;

import io.urlcheck.contract.JobTotals;

/** Kafka deserializer for {@link JobTotals}, named so that a channel's {@code value.deserializer} can point at it. */
public class JobTotalsDeserializer extends JsonDeserializer<JobTotals> {

    public JobTotalsDeserializer() {
        super(JobTotals.class);
    }
}
