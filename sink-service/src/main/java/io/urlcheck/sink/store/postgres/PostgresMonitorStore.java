package io.urlcheck.sink.store.postgres;

import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.MonitorEvent;
import io.urlcheck.sink.EventPage;
import io.urlcheck.sink.EventQuery;
import io.urlcheck.sink.MonitorBatch;
import io.urlcheck.sink.MonitorRun;
import io.urlcheck.sink.MonitorStatus;
import io.urlcheck.sink.RunTally;
import io.urlcheck.sink.UrlWatch;
import io.urlcheck.sink.store.MonitorStore;

import javax.sql.DataSource;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The monitors' state in PostgreSQL (V8: {@code monitor_urls}, {@code monitor_events}, {@code monitor_runs}).
 * {@link #advance} locks the batch's watch rows, judges and writes in one transaction, so two sinks never judge
 * one URL from the same watch, and a crash leaves all of a batch or none.
 */
public final class PostgresMonitorStore implements MonitorStore {

    private static final String LOAD = """
            SELECT m.watch::text FROM monitor_urls m
            JOIN unnest(?::text[], ?::text[]) AS k(monitor, url) ON m.monitor = k.monitor AND m.url_key = text_key(k.url)
            FOR UPDATE OF m""";
    private static final String UPSERT_WATCH = """
            INSERT INTO monitor_urls (monitor, url, down, watch) VALUES (?, ?, ?, ?::jsonb)
            ON CONFLICT (monitor, url_key) DO UPDATE SET down = excluded.down, watch = excluded.watch""";
    private static final String INSERT_EVENT = """
            INSERT INTO monitor_events (id, monitor, url, type, at, event) VALUES (?, ?, ?, ?, ?, ?::jsonb)
            ON CONFLICT (id) DO NOTHING""";
    private static final String ADD_TALLY = """
            INSERT INTO monitor_runs (monitor, tick, job_id, up, down) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (monitor, tick) DO UPDATE SET up = monitor_runs.up + excluded.up, down = monitor_runs.down + excluded.down""";

    private final Transactions sql;

    public PostgresMonitorStore(DataSource dataSource) {
        this.sql = new Transactions(dataSource);
    }

    @Override
    public MonitorBatch advance(Set<UrlWatch.Key> keys, Function<Map<UrlWatch.Key, UrlWatch>, MonitorBatch> judge) {
        return sql.write("store the monitors' state of " + keys.size() + " URLs", c -> {
            MonitorBatch batch = judge.apply(load(c, keys));
            executeBatch(c, UPSERT_WATCH, batch.watches(), (ps, w) -> {
                ps.setString(1, w.monitor());
                ps.setString(2, w.url());
                ps.setBoolean(3, w.down());
                ps.setString(4, JsonCodec.encodeToString(w));
            });
            executeBatch(c, INSERT_EVENT, batch.events(), (ps, e) -> {
                ps.setString(1, e.id());
                ps.setString(2, e.monitor());
                ps.setString(3, e.url());
                ps.setString(4, e.type().name());
                ps.setObject(5, utc(e.at()));
                ps.setString(6, JsonCodec.encodeToString(e));
            });
            executeBatch(c, ADD_TALLY, batch.tallies(), (ps, t) -> {
                ps.setString(1, t.monitor());
                ps.setObject(2, utc(t.tick()));
                ps.setString(3, t.jobId());
                ps.setInt(4, t.up());
                ps.setInt(5, t.down());
            });
            return batch;
        });
    }

    /** Sets one row's parameters of a prepared statement. */
    @FunctionalInterface
    private interface RowBinder<T> {
        void bind(PreparedStatement ps, T row) throws SQLException;
    }

    /** Runs {@code statement} once per row, as one JDBC batch. */
    private static <T> void executeBatch(Connection c, String statement, Collection<T> rows, RowBinder<T> binder)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            for (T row : rows) {
                binder.bind(ps, row);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static Map<UrlWatch.Key, UrlWatch> load(Connection c, Set<UrlWatch.Key> keys) throws SQLException {
        Map<UrlWatch.Key, UrlWatch> watches = new HashMap<>();
        if (keys.isEmpty()) {
            return watches;
        }
        try (PreparedStatement ps = c.prepareStatement(LOAD)) {
            ps.setArray(1, c.createArrayOf("text", keys.stream().map(UrlWatch.Key::monitor).toArray()));
            ps.setArray(2, c.createArrayOf("text", keys.stream().map(UrlWatch.Key::url).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UrlWatch w = decode(rs.getString(1), UrlWatch.class);
                    watches.put(w.key(), w);
                }
            }
        }
        return watches;
    }

    @Override
    public List<MonitorEvent> unpublished(int limit) {
        return sql.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT event::text FROM monitor_events WHERE NOT published ORDER BY seq LIMIT ?")) {
                ps.setInt(1, limit);
                return events(ps);
            }
        });
    }

    @Override
    public void published(Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        sql.write("mark " + ids.size() + " events published", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE monitor_events SET published = true WHERE id = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("text", ids.toArray()));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public EventPage events(EventQuery q) {
        StringBuilder where = new StringBuilder("true");
        List<Object> args = new ArrayList<>();
        if (q.monitor() != null) {
            where.append(" AND monitor = ?");
            args.add(q.monitor());
        }
        if (q.url() != null) {
            where.append(" AND url_key = text_key(?) AND url = ?");
            args.add(q.url());
            args.add(q.url());
        }
        if (q.type() != null) {
            where.append(" AND type = ?");
            args.add(q.type().name());
        }
        if (q.since() != null) {
            where.append(" AND at >= ?");
            args.add(utc(q.since()));
        }
        if (q.after() != null) {
            where.append(" AND (at, id) < (?, ?)");
            args.add(utc(q.after().at()));
            args.add(q.after().id());
        }
        args.add(q.limit() + 1);
        List<MonitorEvent> rows = sql.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT event::text FROM monitor_events WHERE " + where
                    + " ORDER BY at DESC, id DESC LIMIT ?")) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                return events(ps);
            }
        });
        return EventPage.of(rows, q);
    }

    @Override
    public List<MonitorRun> runs(String monitor, int limit) {
        return sql.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT job_id, tick, up, down FROM monitor_runs WHERE monitor = ? ORDER BY tick DESC LIMIT ?")) {
                ps.setString(1, monitor);
                ps.setInt(2, limit);
                List<MonitorRun> runs = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        runs.add(MonitorRun.of(new RunTally(monitor, rs.getString(1), instant(rs, 2), rs.getInt(3), rs.getInt(4))));
                    }
                }
                return runs;
            }
        });
    }

    @Override
    public Map<String, MonitorStatus> statuses() {
        return sql.read(c -> {
            Map<String, MonitorStatus> statuses = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT u.monitor, u.up, u.down, r.tick, r.job_id FROM
                      (SELECT monitor, count(*) FILTER (WHERE NOT down) AS up, count(*) FILTER (WHERE down) AS down
                       FROM monitor_urls GROUP BY monitor) u
                    LEFT JOIN LATERAL (SELECT tick, job_id FROM monitor_runs r WHERE r.monitor = u.monitor
                       ORDER BY tick DESC LIMIT 1) r ON true""");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    statuses.put(rs.getString(1), new MonitorStatus(rs.getInt(2), rs.getInt(3), instant(rs, 4), rs.getString(5)));
                }
            }
            return statuses;
        });
    }

    private static List<MonitorEvent> events(PreparedStatement ps) throws SQLException {
        List<MonitorEvent> events = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                events.add(decode(rs.getString(1), MonitorEvent.class));
            }
        }
        return events;
    }

    private static <T> T decode(String json, Class<T> type) {
        return JsonCodec.decode(json.getBytes(StandardCharsets.UTF_8), type);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    @Override
    public void close() {
        // the datasource belongs to Quarkus, which closes it
    }
}
