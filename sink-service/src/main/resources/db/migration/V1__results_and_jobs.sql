-- urlcheck sink schema, version 1. See sink-service/README.md ("PostgreSQL schema") for how to query it.
-- URLs and check ids use the "C" collation: byte order, the same order the API's cursors page in.

-- Every check ever stored (the history). The primary key is the check id, so a redelivered result is stored once.
CREATE TABLE checks (
    check_id          text COLLATE "C" PRIMARY KEY,
    url               text COLLATE "C" NOT NULL,
    job_id            text,
    host              text,
    outcome           text NOT NULL,
    status_code       integer,
    response_time_ms  bigint,
    title             text,
    checked_at        timestamptz NOT NULL,
    stored_at         timestamptz NOT NULL DEFAULT now(),
    result            json NOT NULL      -- the CheckResult exactly as it came off urlcheck.results
);
CREATE INDEX checks_url_checked_at ON checks (url, checked_at DESC);

-- The latest check per URL, across jobs: upserted only when the incoming check is newer
-- (later checked_at; on a tie, the larger check id), so order of arrival does not matter.
CREATE TABLE latest (
    url               text COLLATE "C" PRIMARY KEY,
    check_id          text COLLATE "C" NOT NULL,
    job_id            text,
    host              text,
    outcome           text NOT NULL,
    status_code       integer,
    response_time_ms  bigint,
    title             text,
    checked_at        timestamptz NOT NULL
);
CREATE INDEX latest_checked_at ON latest (checked_at, url);
CREATE INDEX latest_response_time ON latest ((COALESCE(response_time_ms, -1)), url);
CREATE INDEX latest_outcome ON latest (outcome);
CREATE INDEX latest_status_code ON latest (status_code);
CREATE INDEX latest_host ON latest (host);

-- The latest check per URL within each job: what a job's progress, summary and results are made of.
CREATE TABLE job_latest (
    job_id            text NOT NULL,
    url               text COLLATE "C" NOT NULL,
    check_id          text COLLATE "C" NOT NULL,
    host              text,
    outcome           text NOT NULL,
    status_code       integer,
    response_time_ms  bigint,
    title             text,
    checked_at        timestamptz NOT NULL,
    PRIMARY KEY (job_id, url)
);
CREATE INDEX job_latest_checked_at ON job_latest (job_id, checked_at, url);

-- One row per job: the producer's latest totals (null until they arrive) and when its results came.
CREATE TABLE jobs (
    job_id            text PRIMARY KEY,
    has_totals        boolean NOT NULL DEFAULT false,
    submitted         bigint NOT NULL DEFAULT 0,
    accepted          bigint NOT NULL DEFAULT 0,
    rejected          bigint NOT NULL DEFAULT 0,
    duplicates        bigint NOT NULL DEFAULT 0,
    skipped           bigint NOT NULL DEFAULT 0,
    complete          boolean NOT NULL DEFAULT false,
    started_at        timestamptz,
    updated_at        timestamptz,
    first_result_at   timestamptz,
    last_result_at    timestamptz,
    last_activity_at  timestamptz NOT NULL
);
CREATE INDEX jobs_last_activity ON jobs (last_activity_at DESC);
