package io.urlcheck.sink.store.postgres;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.sink.LatestState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes a batch of results in one transaction with one statement per table: the rows travel as
 * arrays and are expanded by {@code unnest}, which costs one round trip per table whatever the batch
 * size. Only checks the {@code checks} insert reports as new go on to the latest-state tables, whose
 * upserts change a row only when the incoming check is newer.
 */
final class PostgresWriter {

    private static final String INSERT_CHECKS = """
            INSERT INTO checks (check_id, url, job_id, host, outcome, status_code, response_time_ms, title, checked_at, result)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::bigint[], ?::text[],
                                 ?::timestamptz[], ?::json[])
            ON CONFLICT (check_id) DO NOTHING
            RETURNING check_id""";

    private static final String NEWER = "excluded.checked_at > t.checked_at"
            + " OR (excluded.checked_at = t.checked_at AND excluded.check_id > t.check_id)";

    private static final String UPSERT_LATEST = """
            INSERT INTO latest AS t (url, check_id, job_id, host, outcome, status_code, response_time_ms, title, checked_at)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::bigint[], ?::text[],
                                 ?::timestamptz[])
            ON CONFLICT (url) DO UPDATE SET check_id = excluded.check_id, job_id = excluded.job_id, host = excluded.host,
                outcome = excluded.outcome, status_code = excluded.status_code, response_time_ms = excluded.response_time_ms,
                title = excluded.title, checked_at = excluded.checked_at
            WHERE\s""" + NEWER;

    private static final String UPSERT_JOB_LATEST = """
            INSERT INTO job_latest AS t (job_id, url, check_id, host, outcome, status_code, response_time_ms, title, checked_at)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::bigint[], ?::text[],
                                 ?::timestamptz[])
            ON CONFLICT (job_id, url) DO UPDATE SET check_id = excluded.check_id, host = excluded.host,
                outcome = excluded.outcome, status_code = excluded.status_code, response_time_ms = excluded.response_time_ms,
                title = excluded.title, checked_at = excluded.checked_at
            WHERE\s""" + NEWER;

    private static final String UPSERT_JOB_ACTIVITY = """
            INSERT INTO jobs AS j (job_id, first_result_at, last_result_at, last_activity_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (job_id) DO UPDATE SET
                first_result_at = LEAST(j.first_result_at, excluded.first_result_at),
                last_result_at = GREATEST(j.last_result_at, excluded.last_result_at),
                last_activity_at = GREATEST(j.last_activity_at, excluded.last_activity_at)""";

    private static final String UPSERT_TOTALS = """
            INSERT INTO jobs AS j (job_id, has_totals, submitted, accepted, rejected, duplicates, skipped, complete,
                                   started_at, updated_at, last_activity_at)
            VALUES (?, true, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (job_id) DO UPDATE SET has_totals = true, submitted = excluded.submitted,
                accepted = excluded.accepted, rejected = excluded.rejected, duplicates = excluded.duplicates,
                skipped = excluded.skipped, complete = excluded.complete, started_at = excluded.started_at,
                updated_at = excluded.updated_at,
                last_activity_at = GREATEST(j.last_activity_at, excluded.last_activity_at)""";

    private PostgresWriter() {
    }

    /** Stores the batch within the caller's transaction; returns how many checks were new. */
    static int storeResults(Connection c, List<CheckResult> batch) throws SQLException {
        Map<String, CheckResult> byId = new LinkedHashMap<>();
        batch.forEach(r -> byId.putIfAbsent(r.checkId(), r));
        Map<String, ResultRow> rowById = new HashMap<>(byId.size() * 2);
        byId.values().forEach(r -> rowById.put(r.checkId(), ResultRowMapper.toRow(r))); // each result encoded once
        List<ResultRow> rows = List.copyOf(rowById.values());

        Set<String> fresh = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(INSERT_CHECKS)) {
            bindColumns(c, ps, rows);
            ps.setArray(10, c.createArrayOf("text", rows.stream().map(ResultRow::document).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getString(1));
                }
            }
        }
        if (fresh.isEmpty()) {
            return 0;
        }
        List<CheckResult> stored = byId.values().stream().filter(r -> fresh.contains(r.checkId())).toList();
        upsert(c, UPSERT_LATEST, newestPer(stored, CheckResult::url, rowById), false);
        List<CheckResult> withJob = stored.stream().filter(r -> r.jobId() != null).toList();
        upsert(c, UPSERT_JOB_LATEST, newestPer(withJob, r -> r.jobId() + '\n' + r.url(), rowById), true);
        recordJobActivity(c, withJob);
        return fresh.size();
    }

    static void storeTotals(Connection c, JobTotals t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPSERT_TOTALS)) {
            ps.setString(1, t.jobId());
            ps.setLong(2, t.submitted());
            ps.setLong(3, t.accepted());
            ps.setLong(4, t.rejected());
            ps.setLong(5, t.duplicates());
            ps.setLong(6, t.skipped());
            ps.setBoolean(7, t.complete());
            ps.setObject(8, ts(t.startedAt()));
            ps.setObject(9, ts(t.updatedAt()));
            ps.setObject(10, ts(t.updatedAt() != null ? t.updatedAt() : Instant.now()));
            ps.executeUpdate();
        }
    }

    /** One row per key, the newest by the latest-state rule: one upsert may not touch a row twice. */
    private static List<ResultRow> newestPer(List<CheckResult> results, Function<CheckResult, String> key,
                                             Map<String, ResultRow> rowById) {
        Map<String, CheckResult> newest = new LinkedHashMap<>();
        for (CheckResult r : results) {
            newest.merge(key.apply(r), r, (current, incoming) -> LatestState.replaces(incoming, current) ? incoming : current);
        }
        return newest.values().stream().map(r -> rowById.get(r.checkId())).toList();
    }

    private static void upsert(Connection c, String sql, List<ResultRow> rows, boolean jobFirst) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (jobFirst) {
                ps.setArray(1, c.createArrayOf("text", rows.stream().map(ResultRow::jobId).toArray()));
                ps.setArray(2, c.createArrayOf("text", rows.stream().map(ResultRow::url).toArray()));
                ps.setArray(3, c.createArrayOf("text", rows.stream().map(ResultRow::checkId).toArray()));
            } else {
                ps.setArray(1, c.createArrayOf("text", rows.stream().map(ResultRow::url).toArray()));
                ps.setArray(2, c.createArrayOf("text", rows.stream().map(ResultRow::checkId).toArray()));
                ps.setArray(3, c.createArrayOf("text", rows.stream().map(ResultRow::jobId).toArray()));
            }
            bindTail(c, ps, rows, 4);
            ps.executeUpdate();
        }
    }

    /** Binds the first nine columns of {@code checks}. */
    private static void bindColumns(Connection c, PreparedStatement ps, List<ResultRow> rows) throws SQLException {
        ps.setArray(1, c.createArrayOf("text", rows.stream().map(ResultRow::checkId).toArray()));
        ps.setArray(2, c.createArrayOf("text", rows.stream().map(ResultRow::url).toArray()));
        ps.setArray(3, c.createArrayOf("text", rows.stream().map(ResultRow::jobId).toArray()));
        bindTail(c, ps, rows, 4);
    }

    /** Binds host, outcome, status, response time, title and checked-at from parameter {@code from} on. */
    private static void bindTail(Connection c, PreparedStatement ps, List<ResultRow> rows, int from) throws SQLException {
        ps.setArray(from, c.createArrayOf("text", rows.stream().map(ResultRow::host).toArray()));
        ps.setArray(from + 1, c.createArrayOf("text", rows.stream().map(ResultRow::outcome).toArray()));
        ps.setArray(from + 2, c.createArrayOf("text", rows.stream().map(r -> str(r.statusCode())).toArray()));
        ps.setArray(from + 3, c.createArrayOf("text", rows.stream().map(r -> str(r.responseTimeMs())).toArray()));
        ps.setArray(from + 4, c.createArrayOf("text", rows.stream().map(ResultRow::title).toArray()));
        ps.setArray(from + 5, c.createArrayOf("text", rows.stream().map(r -> r.checkedAt().toString()).toArray()));
    }

    private static void recordJobActivity(Connection c, List<CheckResult> withJob) throws SQLException {
        Map<String, Instant[]> span = new LinkedHashMap<>();
        for (CheckResult r : withJob) {
            span.merge(r.jobId(), new Instant[]{r.checkedAt(), r.checkedAt()}, (a, b) -> new Instant[]{
                    a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]});
        }
        if (span.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT_JOB_ACTIVITY)) {
            for (var e : span.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setObject(2, ts(e.getValue()[0]));
                ps.setObject(3, ts(e.getValue()[1]));
                ps.setObject(4, ts(e.getValue()[1]));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    static OffsetDateTime ts(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
