-- urlcheck sink schema, version 4: no index entry grows with a URL or a host, so no value can be too
-- long to store. A btree entry must fit a third of a page (2,704 bytes); a URL that compresses badly and
-- is longer than that (the producer accepts 8,192 characters) failed every insert of its batch, for good.
-- See sink-service/src/main/java/io/urlcheck/sink/store/postgres/DESIGN.md.
--
-- * Equality and uniqueness key on text_key(), a SHA-256 of the text: 32 bytes whatever its length.
--   url_key (checks, latest, job_latest) and host_key (summary_host_failures) are stored generated
--   columns, so each writer's ON CONFLICT names them and no SQL elsewhere repeats the hash.
-- * The orders the API pages in, (sort key, url), are served by indexes on (sort key, url_prefix(url)),
--   the first 512 characters: in the "C" collation, ordering by the prefix and then by the whole URL is
--   exactly ordering by the URL, so the planner reads the index in order and sorts only rows whose
--   prefixes tie. 512 characters are at most 2,048 bytes of UTF-8.
-- * latest_host is a hash index: the host filter is an equality, and a hash index stores 4 bytes.

-- Deterministic for a database's fixed encoding; convert_to is STABLE only because the encoding is a parameter.
CREATE FUNCTION text_key(value text) RETURNS bytea
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN sha256(convert_to(value, 'UTF8'));

CREATE FUNCTION url_prefix(url text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN left(url, 512);

ALTER TABLE checks ADD COLUMN url_key bytea GENERATED ALWAYS AS (text_key(url)) STORED;
DROP INDEX checks_url_checked_at;
CREATE INDEX checks_url_key_checked_at ON checks (url_key, checked_at DESC);

ALTER TABLE latest ADD COLUMN url_key bytea GENERATED ALWAYS AS (text_key(url)) STORED;
ALTER TABLE latest DROP CONSTRAINT latest_pkey;
ALTER TABLE latest ADD PRIMARY KEY (url_key);
DROP INDEX latest_checked_at;
CREATE INDEX latest_checked_at ON latest (checked_at, url_prefix(url));
DROP INDEX latest_response_time;
CREATE INDEX latest_response_time ON latest ((COALESCE(response_time_ms, -1)), url_prefix(url));
DROP INDEX latest_host;
CREATE INDEX latest_host ON latest USING hash (host);

ALTER TABLE job_latest ADD COLUMN url_key bytea GENERATED ALWAYS AS (text_key(url)) STORED;
ALTER TABLE job_latest DROP CONSTRAINT job_latest_pkey;
ALTER TABLE job_latest ADD PRIMARY KEY (job_id, url_key);
DROP INDEX job_latest_checked_at;
CREATE INDEX job_latest_checked_at ON job_latest (job_id, checked_at, url_prefix(url));

ALTER TABLE summary_host_failures ADD COLUMN host_key bytea GENERATED ALWAYS AS (text_key(host)) STORED;
ALTER TABLE summary_host_failures DROP CONSTRAINT summary_host_failures_pkey;
ALTER TABLE summary_host_failures ADD PRIMARY KEY (job_id, host_key);

-- summary_apply (V2) as before, but upserting host failures on the host's key.
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
            SELECT job_id, host, sum(n) FROM (%s) d WHERE outcome <> 'OK' AND host IS NOT NULL
            GROUP BY 1, 2 ORDER BY 1, text_key(host)
        ON CONFLICT (job_id, host_key) DO UPDATE SET failures = s.failures + excluded.failures$q$, delta);
    RETURN NULL;
END $$;
