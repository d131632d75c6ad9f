package io.urlcheck.contract.kafka;

import io.urlcheck.contract.JobTotals;

/** Kafka serializer for {@link JobTotals}, named so that a channel's {@code value.serializer} can point at it. */
public class JobTotalsSerializer extends JsonSerializer<JobTotals> {
}
