-- urlcheck sink schema, version 2: summaries read a few small tables instead of scanning every latest row.
-- See sink-service/README.md ("PostgreSQL schema").
--
-- Three aggregate tables hold, per scope, what GET /api/summary reports. The scope is job_id:
-- '' for all URLs (the latest table), otherwise one job (the job_latest table; a result with an empty
-- job id counts only in ''). Statement-level triggers on latest and job_latest keep them exact in the
-- same transaction as the write: every inserted row adds 1, every updated row subtracts its old values
-- and adds its new ones. Groups that fall to 0 stay as rows with 0 and are ignored by readers.

-- URLs per outcome and status class (2xx ... 5xx, or 'none' without a usable status).
CREATE TABLE summary_counts (
    job_id        text NOT NULL,
    outcome       text NOT NULL,
    status_class  text NOT NULL,
    urls          bigint NOT NULL,
    PRIMARY KEY (job_id, outcome, status_class)
);

-- URLs per exact response time (milliseconds): exact nearest-rank percentiles from a few thousand rows.
CREATE TABLE summary_latency (
    job_id            text NOT NULL,
    response_time_ms  bigint NOT NULL,
    urls              bigint NOT NULL,
    PRIMARY KEY (job_id, response_time_ms)
);

-- Failed URLs (any outcome but OK) per host.
CREATE TABLE summary_host_failures (
    job_id    text NOT NULL,
    host      text NOT NULL,
    failures  bigint NOT NULL,
    PRIMARY KEY (job_id, host)
);

CREATE FUNCTION summary_status_class(status_code integer) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN status_code BETWEEN 100 AND 599 THEN (status_code / 100)::text || 'xx' ELSE 'none' END;

-- Applies the rows a statement changed in latest or job_latest to the aggregates. The INSERT trigger
-- sees the inserted rows as new_rows; the UPDATE trigger sees the replaced rows as old_rows and their
-- replacements as new_rows. Groups are upserted in key order, so that concurrent writers lock the
-- aggregate rows in one order and cannot deadlock on them.
CREATE FUNCTION summary_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    rows_of constant text := CASE WHEN TG_TABLE_NAME = 'latest'
        THEN $s$SELECT ''::text AS job_id, outcome, status_code, response_time_ms, host, %s AS n FROM %s$s$
        ELSE $s$SELECT job_id, outcome, status_code, response_time_ms, host, %s AS n FROM %s WHERE job_id <> ''$s$ END;
    delta text := format(rows_of, 1, 'new_rows');
BEGIN
    IF TG_OP = 'UPDATE' THEN
        delta := delta || ' UNION ALL ' || format(rows_of, -1, 'old_rows');
    END IF;
    EXECUTE format($q$
        INSERT INTO summary_counts AS s (job_id, outcome, status_class, urls)
            SELECT job_id, outcome, summary_status_class(status_code), sum(n) FROM (%s) d
            GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (job_id, outcome, status_class) DO UPDATE SET urls = s.urls + excluded.urls$q$, delta);
    EXECUTE format($q$
        INSERT INTO summary_latency AS s (job_id, response_time_ms, urls)
            SELECT job_id, response_time_ms, sum(n) FROM (%s) d WHERE response_time_ms IS NOT NULL
            GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (job_id, response_time_ms) DO UPDATE SET urls = s.urls + excluded.urls$q$, delta);
    EXECUTE format($q$
        INSERT INTO summary_host_failures AS s (job_id, host, failures)
            SELECT job_id, host, sum(n) FROM (%s) d WHERE outcome <> 'OK' AND host IS NOT NULL
            GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (job_id, host) DO UPDATE SET failures = s.failures + excluded.failures$q$, delta);
    RETURN NULL;
END $$;

-- Writers wait while the aggregates are backfilled, so that no change slips between backfill and triggers.
LOCK TABLE latest, job_latest IN SHARE ROW EXCLUSIVE MODE;

INSERT INTO summary_counts (job_id, outcome, status_class, urls)
    SELECT '', outcome, summary_status_class(status_code), count(*) FROM latest GROUP BY 1, 2, 3
    UNION ALL
    SELECT job_id, outcome, summary_status_class(status_code), count(*) FROM job_latest WHERE job_id <> '' GROUP BY 1, 2, 3;
INSERT INTO summary_latency (job_id, response_time_ms, urls)
    SELECT '', response_time_ms, count(*) FROM latest WHERE response_time_ms IS NOT NULL GROUP BY 1, 2
    UNION ALL
    SELECT job_id, response_time_ms, count(*) FROM job_latest WHERE job_id <> '' AND response_time_ms IS NOT NULL GROUP BY 1, 2;
INSERT INTO summary_host_failures (job_id, host, failures)
    SELECT '', host, count(*) FROM latest WHERE outcome <> 'OK' AND host IS NOT NULL GROUP BY 1, 2
    UNION ALL
    SELECT job_id, host, count(*) FROM job_latest WHERE job_id <> '' AND outcome <> 'OK' AND host IS NOT NULL GROUP BY 1, 2;

CREATE TRIGGER latest_summary_insert AFTER INSERT ON latest
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION summary_apply();
CREATE TRIGGER latest_summary_update AFTER UPDATE ON latest
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION summary_apply();
CREATE TRIGGER job_latest_summary_insert AFTER INSERT ON job_latest
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION summary_apply();
CREATE TRIGGER job_latest_summary_update AFTER UPDATE ON job_latest
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION summary_apply();
