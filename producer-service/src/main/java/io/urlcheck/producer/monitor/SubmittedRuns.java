package io.urlcheck.producer.monitor;

import io.urlcheck.contract.Monitor;
import io.urlcheck.contract.MonitorJobId;
import io.urlcheck.producer.IngestionMeter;
import io.urlcheck.producer.JobSubmitter;

import java.time.Instant;
import java.util.List;

/**
 * A monitor's run is an ordinary job: its URLs go through the {@link JobSubmitter} like any submission's,
 * under the job id {@link MonitorJobId#of} the tick, with the monitor's job options, counted on their own meter.
 */
public final class SubmittedRuns implements MonitorRuns {

    private final JobSubmitter submitter;
    private final IngestionMeter meter;

    public SubmittedRuns(JobSubmitter submitter, IngestionMeter meter) {
        this.submitter = submitter;
        this.meter = meter;
    }

    @Override
    public void submit(Monitor monitor, Instant tick) {
        List<String> urls = monitor.urls();
        submitter.submit(MonitorJobId.of(monitor.name(), tick), monitor.options(), meter, ingestion -> {
            for (int i = 0; i < urls.size(); i++) {
                ingestion.input(urls.get(i), Integer.toString(i));
            }
        });
    }
}
