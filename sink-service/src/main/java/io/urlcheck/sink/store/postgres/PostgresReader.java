package io.urlcheck.sink.store.postgres;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.sink.JobStats;
import io.urlcheck.sink.ResultQuery;
import io.urlcheck.sink.Summary;
import io.urlcheck.sink.SummaryCalculator;
import io.urlcheck.sink.UrlHistory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/** The query side of the PostgreSQL store: the SQL behind every read endpoint. */
final class PostgresReader {

    private PostgresReader() {
    }

    /** Streams the query's rows, in its order, after its cursor, up to {@code max} rows. */
    static void select(Connection c, ResultQuery q, long max, Consumer<CheckResult> sink) throws SQLException {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT c.result::text FROM ");
        if (q.jobId() != null) {
            sql.append("job_latest l JOIN checks c ON c.check_id = l.check_id WHERE l.job_id = ?");
            params.add(q.jobId());
        } else {
            sql.append("latest l JOIN checks c ON c.check_id = l.check_id WHERE true");
        }
        if (q.outcome() != null) {
            sql.append(" AND l.outcome = ?");
            params.add(q.outcome().name());
        }
        if (q.status() != null) {
            sql.append(" AND l.status_code BETWEEN ? AND ?");
            params.add(q.status().from());
            params.add(q.status().to());
        }
        if (q.host() != null) {
            sql.append(" AND l.host = ?");
            params.add(q.host());
        }
        if (q.since() != null) {
            sql.append(" AND l.checked_at >= ?");
            params.add(q.since().atOffset(ZoneOffset.UTC));
        }
        if (q.q() != null) {
            sql.append(" AND (l.url ILIKE ? ESCAPE '\\' OR l.title ILIKE ? ESCAPE '\\')");
            String like = "%" + q.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            params.add(like);
        }
        String key = q.sort().byResponseTime() ? "COALESCE(l.response_time_ms, -1)" : "l.checked_at";
        String dir = q.sort().descending() ? "DESC" : "ASC";
        if (q.cursor() != null) {
            sql.append(" AND (").append(key).append(", url_prefix(l.url), l.url) ")
                    .append(q.sort().descending() ? "<" : ">").append(" (?, url_prefix(?), ?)");
            params.add(q.sort().byResponseTime() ? (Object) q.cursor().key() : fromMicros(q.cursor().key()));
            params.add(q.cursor().url());
            params.add(q.cursor().url());
        }
        // By the URL's indexed prefix, then the URL: the same order as by the URL alone (V4), read from the index.
        sql.append(" ORDER BY ").append(key).append(' ').append(dir)
                .append(", url_prefix(l.url) ").append(dir).append(", l.url ").append(dir);
        if (max < Long.MAX_VALUE) {
            sql.append(" LIMIT ").append(max);
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false); // a fetch size streams only inside a transaction
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setFetchSize(1000);
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(ResultRowMapper.fromDocument(rs.getString(1)));
                }
            }
            c.commit();
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    static Optional<UrlHistory> lookup(Connection c, String url) throws SQLException {
        List<CheckResult> history = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT result::text FROM checks WHERE url_key = text_key(?) AND url = ? ORDER BY checked_at DESC, check_id DESC")) {
            ps.setString(1, url);
            ps.setString(2, url);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    history.add(ResultRowMapper.fromDocument(rs.getString(1)));
                }
            }
        }
        return history.isEmpty() ? Optional.empty() : Optional.of(new UrlHistory(history.get(0), history));
    }

    /**
     * Reads the summary from the aggregates the triggers keep (V2): a few small tables, not every
     * latest row. Only the slowest URLs come from the latest rows, from just above the response time
     * below which fewer than {@link Summary#TOP} URLs lie, which the latency counts tell.
     */
    static Summary summary(Connection c, String jobId) throws SQLException {
        if (jobId != null && jobId.isEmpty()) {
            return new SummaryCalculator().result(); // '' is the all-URLs scope of the aggregates, never a job's
        }
        String scope = jobId == null ? "" : jobId;
        Map<String, Long> byOutcome = new TreeMap<>();
        Map<String, Long> byClass = new TreeMap<>();
        long total = 0;
        try (PreparedStatement ps = prepare(c, "SELECT outcome, status_class, urls FROM summary_counts WHERE job_id = ? AND urls <> 0",
                scope); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long n = rs.getLong(3);
                total += n;
                byOutcome.merge(rs.getString(1), n, Long::sum);
                byClass.merge(rs.getString(2), n, Long::sum);
            }
        }
        NavigableMap<Long, Long> latencies = new TreeMap<>();
        try (PreparedStatement ps = prepare(c, "SELECT response_time_ms, urls FROM summary_latency WHERE job_id = ? AND urls <> 0",
                scope); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                latencies.put(rs.getLong(1), rs.getLong(2));
            }
        }
        List<Summary.Slow> slowest = new ArrayList<>();
        Long floor = SummaryCalculator.slowestFloor(latencies);
        if (floor != null) {
            // Ordered like the latest_response_time index, so that over all URLs this reads ten index entries.
            String slow = "SELECT url, response_time_ms FROM "
                    + (jobId == null ? "latest WHERE true" : "job_latest WHERE job_id = ?")
                    + " AND response_time_ms IS NOT NULL AND COALESCE(response_time_ms, -1) >= " + floor
                    + " ORDER BY COALESCE(response_time_ms, -1) DESC, url_prefix(url) DESC, url DESC LIMIT " + Summary.TOP;
            try (PreparedStatement ps = prepare(c, slow, jobId); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    slowest.add(new Summary.Slow(rs.getString(1), rs.getLong(2)));
                }
            }
        }
        List<Summary.FailingHost> failing = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, "SELECT host, failures FROM summary_host_failures WHERE job_id = ? AND failures > 0"
                + " ORDER BY failures DESC, host COLLATE \"C\" ASC LIMIT " + Summary.TOP, scope); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                failing.add(new Summary.FailingHost(rs.getString(1), rs.getLong(2)));
            }
        }
        return new Summary(total, byOutcome, byClass, SummaryCalculator.latency(latencies), slowest, failing);
    }

    static Optional<JobStats> job(Connection c, String jobId) throws SQLException {
        List<JobStats> found = jobs(c, "WHERE job_id = ?", jobId, 1);
        return found.stream().findFirst();
    }

    static List<JobStats> recentJobs(Connection c, int limit) throws SQLException {
        return jobs(c, "ORDER BY last_activity_at DESC, job_id ASC", null, limit);
    }

    private static List<JobStats> jobs(Connection c, String where, String jobId, int limit) throws SQLException {
        String sql = "SELECT job_id, has_totals, submitted, accepted, rejected, duplicates, skipped, complete, started_at,"
                + " updated_at, first_result_at, last_result_at, open_ended FROM jobs " + where + " LIMIT " + limit;
        Map<String, JobStats> out = new LinkedHashMap<>();
        try (PreparedStatement ps = prepare(c, sql, jobId); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString(1);
                JobTotals totals = rs.getBoolean(2) ? new JobTotals(JobTotals.SCHEMA_VERSION, id, rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getBoolean(8), instant(rs, 9), instant(rs, 10), null,
                        rs.getBoolean(13)) : null;
                out.put(id, new JobStats(id, totals, 0, Map.of(), instant(rs, 11), instant(rs, 12)));
            }
        }
        List<JobStats> result = new ArrayList<>(out.size());
        for (JobStats s : out.values()) {
            Map<String, Long> outcomes = new TreeMap<>();
            long checked = 0;
            try (PreparedStatement ps = prepare(c, "SELECT outcome, sum(urls) FROM summary_counts WHERE job_id = ? AND urls <> 0"
                    + " GROUP BY outcome", s.jobId()); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    outcomes.put(rs.getString(1), rs.getLong(2));
                    checked += rs.getLong(2);
                }
            }
            result.add(new JobStats(s.jobId(), s.totals(), checked, outcomes, s.firstResultAt(), s.lastResultAt()));
        }
        return result;
    }

    private static PreparedStatement prepare(Connection c, String sql, String param) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        if (param != null) {
            ps.setString(1, param);
        }
        return ps;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** The cursor's key as a timestamp; {@link io.urlcheck.sink.Cursor} admits only keys of years 0001 to 9999. */
    private static OffsetDateTime fromMicros(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
