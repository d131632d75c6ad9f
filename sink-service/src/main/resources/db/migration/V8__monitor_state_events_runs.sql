-- urlcheck sink schema, version 8: the monitors' state (#22). Written by PostgresMonitorStore, each judged batch
-- in one transaction with the watches it moved, so a crash leaves all of it or none.
--
-- * monitor_urls: one row per (monitor, URL), what the sink remembers between runs (the UrlWatch as JSON) and
--   whether its latest result is a failure (down), which GET /api/monitors and the gauges count.
-- * monitor_events: every event raised, once per id (the id is deterministic, so a replay inserts nothing new).
--   published is the outbox flag: false until Kafka acknowledged the event on urlcheck.events.
-- * monitor_runs: one row per run (monitor, tick) with its URLs up and down.
-- URLs are keyed by text_key() (V4), so no index entry grows with a URL.

CREATE TABLE monitor_urls (
    monitor text COLLATE "C" NOT NULL,
    url     text COLLATE "C" NOT NULL,
    url_key bytea GENERATED ALWAYS AS (text_key(url)) STORED,
    down    boolean NOT NULL,
    watch   jsonb NOT NULL,
    PRIMARY KEY (monitor, url_key)
);

CREATE TABLE monitor_events (
    id        text COLLATE "C" PRIMARY KEY,
    seq       bigserial NOT NULL,
    monitor   text COLLATE "C" NOT NULL,
    url       text COLLATE "C" NOT NULL,
    url_key   bytea GENERATED ALWAYS AS (text_key(url)) STORED,
    type      text NOT NULL,
    at        timestamptz NOT NULL,
    event     jsonb NOT NULL,
    published boolean NOT NULL DEFAULT false
);
CREATE INDEX monitor_events_newest ON monitor_events (at DESC, id DESC);
CREATE INDEX monitor_events_monitor_newest ON monitor_events (monitor, at DESC, id DESC);
CREATE INDEX monitor_events_url ON monitor_events (url_key);
CREATE INDEX monitor_events_unpublished ON monitor_events (seq) WHERE NOT published;

CREATE TABLE monitor_runs (
    monitor text COLLATE "C" NOT NULL,
    tick    timestamptz NOT NULL,
    job_id  text COLLATE "C" NOT NULL,
    up      integer NOT NULL DEFAULT 0,
    down    integer NOT NULL DEFAULT 0,
    PRIMARY KEY (monitor, tick)
);
