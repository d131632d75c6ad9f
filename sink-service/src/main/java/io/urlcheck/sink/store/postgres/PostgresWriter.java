package io.urlcheck.sink.store.postgres;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.sink.JobContributions;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a batch of results in one transaction and four round trips: the batch is copied
 * ({@code COPY ... FROM STDIN}) into a session-local staging table, then one statement inserts it
 * into {@code checks} and passes on only the checks that insert reports as new to the latest-state
 * tables, whose upserts change a row only when the incoming check is newer; a last one records the
 * jobs' activity. The rows cross the wire once and are parsed once; the summary aggregates follow by
 * trigger (V2).
 */
final class PostgresWriter {

    /** Per session; emptied at every commit, so a pooled connection never carries rows over. */
    private static final String CREATE_STAGING = """
            CREATE TEMP TABLE IF NOT EXISTS incoming_checks (
                check_id text COLLATE "C", url text COLLATE "C", job_id text, host text, outcome text,
                status_code integer, response_time_ms bigint, title text, checked_at timestamptz, result text,
                source_file text, source_line integer
            ) ON COMMIT DELETE ROWS""";

    private static final String COPY_STAGING = "COPY incoming_checks FROM STDIN";

    /** Rows per COPY message: small enough to keep PostgreSQL busy early, large enough to be few. */
    private static final int COPY_CHUNK_ROWS = 250;

    private static final String NEWER = "excluded.checked_at > t.checked_at"
            + " OR (excluded.checked_at = t.checked_at AND excluded.check_id > t.check_id)";

    /**
     * Newest per key first, by the latest-state rule: one upsert may not touch a row twice. The
     * latest-state tables are unique on url_key, the URL's hash (V4), which stands for the URL.
     */
    private static final String STORE_STAGED = """
            WITH fresh AS (
                INSERT INTO checks (check_id, url, job_id, host, outcome, status_code, response_time_ms, title, checked_at, result,
                    source_file, source_line)
                SELECT check_id, url, job_id, host, outcome, status_code, response_time_ms, title, checked_at, result::json,
                    source_file, source_line
                FROM incoming_checks
                ON CONFLICT (check_id) DO NOTHING
                RETURNING check_id, url, job_id, host, outcome, status_code, response_time_ms, title, checked_at
            ), latest_upsert AS (
                INSERT INTO latest AS t (url, check_id, job_id, host, outcome, status_code, response_time_ms, title, checked_at)
                SELECT DISTINCT ON (url) url, check_id, job_id, host, outcome, status_code, response_time_ms, title, checked_at
                FROM fresh ORDER BY url, checked_at DESC, check_id DESC
                ON CONFLICT (url_key) DO UPDATE SET check_id = excluded.check_id, job_id = excluded.job_id, host = excluded.host,
                    outcome = excluded.outcome, status_code = excluded.status_code, response_time_ms = excluded.response_time_ms,
                    title = excluded.title, checked_at = excluded.checked_at
                WHERE %1$s
            ), job_upsert AS (
                INSERT INTO job_latest AS t (job_id, url, check_id, host, outcome, status_code, response_time_ms, title, checked_at)
                SELECT DISTINCT ON (job_id, url) job_id, url, check_id, host, outcome, status_code, response_time_ms, title, checked_at
                FROM fresh WHERE job_id IS NOT NULL ORDER BY job_id, url, checked_at DESC, check_id DESC
                ON CONFLICT (job_id, url_key) DO UPDATE SET check_id = excluded.check_id, host = excluded.host,
                    outcome = excluded.outcome, status_code = excluded.status_code, response_time_ms = excluded.response_time_ms,
                    title = excluded.title, checked_at = excluded.checked_at
                WHERE %1$s
            )
            SELECT count(*) FROM fresh""".formatted(NEWER);

    /**
     * A separate statement, run last: the job rows are the only rows all parts of a split batch
     * write (see PostgresResultStore), so taking their locks last keeps the parts' heavy work apart.
     * All staged checks count, not only the new ones: a redelivered check moves neither bound.
     */
    private static final String RECORD_JOB_ACTIVITY = """
            INSERT INTO jobs AS j (job_id, first_result_at, last_result_at, last_activity_at)
            SELECT job_id, min(checked_at), max(checked_at), max(checked_at) FROM incoming_checks WHERE job_id IS NOT NULL
            GROUP BY job_id ORDER BY job_id
            ON CONFLICT (job_id) DO UPDATE SET
                first_result_at = LEAST(j.first_result_at, excluded.first_result_at),
                last_result_at = GREATEST(j.last_result_at, excluded.last_result_at),
                last_activity_at = GREATEST(j.last_activity_at, excluded.last_activity_at)""";

    /** Creates the job's row or locks it: writers of one job's totals queue here, so each sums what the last wrote. */
    private static final String LOCK_JOB = """
            INSERT INTO jobs AS j (job_id, last_activity_at) VALUES (?, ?)
            ON CONFLICT (job_id) DO UPDATE SET last_activity_at = GREATEST(j.last_activity_at, excluded.last_activity_at)""";

    private static final String SELECT_CONTRIBUTIONS = """
            SELECT contributor, submitted, accepted, rejected, duplicates, skipped, complete, open_ended, started_at, updated_at
            FROM job_contributions WHERE job_id = ?""";

    private static final String UPSERT_CONTRIBUTION = """
            INSERT INTO job_contributions AS c (job_id, contributor, submitted, accepted, rejected, duplicates, skipped,
                                                complete, open_ended, started_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (job_id, contributor) DO UPDATE SET submitted = excluded.submitted, accepted = excluded.accepted,
                rejected = excluded.rejected, duplicates = excluded.duplicates, skipped = excluded.skipped,
                complete = excluded.complete, open_ended = excluded.open_ended, started_at = excluded.started_at,
                updated_at = excluded.updated_at""";

    private static final String UPDATE_JOB_TOTALS = """
            UPDATE jobs SET has_totals = true, submitted = ?, accepted = ?, rejected = ?, duplicates = ?, skipped = ?,
                complete = ?, open_ended = ?, started_at = ?, updated_at = ?
            WHERE job_id = ?""";

    private PostgresWriter() {
    }

    /** Stores the batch within the caller's transaction; returns how many checks were new. */
    static int storeResults(Connection c, List<CheckResult> batch) throws SQLException {
        if (batch.isEmpty()) {
            return 0;
        }
        try (Statement st = c.createStatement()) {
            st.execute(CREATE_STAGING);
        }
        Map<String, CheckResult> byId = new LinkedHashMap<>();
        batch.forEach(r -> byId.putIfAbsent(r.checkId(), r)); // a redelivery inside one batch is one row
        copy(c, byId.values());
        int fresh;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(STORE_STAGED)) {
            rs.next();
            fresh = rs.getInt(1);
        }
        try (Statement st = c.createStatement()) {
            st.executeUpdate(RECORD_JOB_ACTIVITY);
        }
        return fresh;
    }

    /**
     * Streams the rows into the staging table a chunk at a time, so that PostgreSQL parses and
     * stores one chunk while the next is encoded: the two processes work side by side.
     */
    private static void copy(Connection c, Collection<CheckResult> results) throws SQLException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_STAGING);
        try {
            StringBuilder chunk = new StringBuilder(COPY_CHUNK_ROWS * 1024);
            int rows = 0;
            for (CheckResult r : results) {
                CopyText.row(chunk, ResultRowMapper.toRow(r));
                if (++rows % COPY_CHUNK_ROWS == 0) {
                    send(in, chunk);
                }
            }
            send(in, chunk);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy(); // an encoding failure: end the COPY so the connection can roll back
            }
        }
    }

    private static void send(CopyIn in, StringBuilder chunk) throws SQLException {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        in.flushCopy();
        chunk.setLength(0);
    }

    /**
     * Keeps {@code t} as its contributor's latest totals and writes the job's sum ({@link JobContributions})
     * to its row, within the caller's transaction. The job's row is locked first, so two sinks storing
     * two contributors of one job at once write their sums one after the other, the second seeing the first.
     */
    static void storeTotals(Connection c, JobTotals t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LOCK_JOB)) {
            ps.setString(1, t.jobId());
            ps.setObject(2, ts(t.updatedAt() != null ? t.updatedAt() : Instant.now()));
            ps.executeUpdate();
        }
        JobContributions contributions = JobContributions.of(contributions(c, t.jobId()));
        if (!contributions.put(t)) {
            return; // older than the contributor's kept totals (a redelivery): the sum stands
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT_CONTRIBUTION)) {
            ps.setString(1, t.jobId());
            ps.setString(2, JobContributions.contributorOf(t));
            setCounts(ps, 3, t);
            ps.executeUpdate();
        }
        JobTotals sum = contributions.merged();
        try (PreparedStatement ps = c.prepareStatement(UPDATE_JOB_TOTALS)) {
            setCounts(ps, 1, sum);
            ps.setString(10, t.jobId());
            ps.executeUpdate();
        }
    }

    /** Sets submitted, accepted, rejected, duplicates, skipped, complete, open_ended, started_at, updated_at from {@code first}. */
    private static void setCounts(PreparedStatement ps, int first, JobTotals t) throws SQLException {
        ps.setLong(first, t.submitted());
        ps.setLong(first + 1, t.accepted());
        ps.setLong(first + 2, t.rejected());
        ps.setLong(first + 3, t.duplicates());
        ps.setLong(first + 4, t.skipped());
        ps.setBoolean(first + 5, t.complete());
        ps.setBoolean(first + 6, t.openEnded());
        ps.setObject(first + 7, ts(t.startedAt()));
        ps.setObject(first + 8, ts(t.updatedAt()));
    }

    private static List<JobTotals> contributions(Connection c, String jobId) throws SQLException {
        List<JobTotals> parts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_CONTRIBUTIONS)) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String contributor = rs.getString(1);
                    parts.add(new JobTotals(JobTotals.SCHEMA_VERSION, jobId, rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6), rs.getBoolean(7), instant(rs, 9), instant(rs, 10),
                            contributor.equals(JobContributions.WHOLE_JOB) ? null : contributor, rs.getBoolean(8)));
                }
            }
        }
        return parts;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime ts(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
