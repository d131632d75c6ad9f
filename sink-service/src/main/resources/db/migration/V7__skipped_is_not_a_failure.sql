-- A SKIPPED URL (excluded by the job's rules, or a relative link without --base) was never requested: it is no
-- failure of its host. summary_apply (V4) as before, but counting host failures by the contract's
-- Outcome.isFailure rule: neither OK nor SKIPPED. No stored row is SKIPPED before this version, so nothing is
-- recounted.
CREATE OR REPLACE FUNCTION summary_apply() RETURNS trigger LANGUAGE plpgsql AS $$
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
            SELECT job_id, host, sum(n) FROM (%s) d WHERE outcome NOT IN ('OK', 'SKIPPED') AND host IS NOT NULL
            GROUP BY 1, 2 ORDER BY 1, text_key(host)
        ON CONFLICT (job_id, host_key) DO UPDATE SET failures = s.failures + excluded.failures$q$, delta);
    RETURN NULL;
END $$;
