package io.urlcheck.sink.store;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.sink.JobStats;
import io.urlcheck.sink.ResultPage;
import io.urlcheck.sink.ResultQuery;
import io.urlcheck.sink.Summary;
import io.urlcheck.sink.UrlHistory;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where results and job totals live: JSON files or PostgreSQL. Writes are idempotent (a check id is
 * stored once) and durable when they return, so the caller may acknowledge the Kafka records then.
 * A write that throws {@link StoreUnavailableException} may be retried: it made nothing durable, or
 * (PostgreSQL, a batch written in parts) only whole parts, which the retry recognizes as stored.
 * A write that throws {@link StoreRejectedException} failed because of some record in it and never
 * will succeed as it is; it made durable nothing or whole parts, like an unavailable one, so the caller
 * may store any subset of the batch again to find the record at fault.
 */
public interface ResultStore extends AutoCloseable {

    /** Stores a batch of results durably; returns how many were new checks (redeliveries are not). */
    int storeResults(List<CheckResult> results);

    /**
     * Stores the totals of a job, or of one contributor's part of it, durably: they replace that
     * contributor's earlier totals (unless older than those; a whole job's, without contributor, always), and the job's totals become the sum over its
     * contributors ({@link io.urlcheck.sink.JobContributions}).
     */
    void storeJob(JobTotals totals);

    /** One page of the latest result per URL matching {@code query}, in its order, after its cursor. */
    ResultPage find(ResultQuery query);

    /** Every latest result matching {@code query} (up to its limit, if any), in its order, after its cursor. */
    void stream(ResultQuery query, Consumer<CheckResult> sink);

    /** The latest result of {@code url} and its history, empty when the URL was never checked. */
    Optional<UrlHistory> lookup(String url);

    /** The summary over the latest result per URL; of one job's URLs when {@code jobId} is not null. */
    Summary summary(String jobId);

    /** What the store knows of a job, empty when it has neither totals nor results. */
    Optional<JobStats> job(String jobId);

    /** The most recently updated jobs, newest first. */
    List<JobStats> recentJobs(int limit);

    /** Grows whenever a write through this store changed anything; caches compare it. */
    long version();

    /** True when the store can take writes now (the readiness check asks). */
    boolean isAvailable();

    @Override
    void close();
}
