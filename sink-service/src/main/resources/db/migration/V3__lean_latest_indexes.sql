-- urlcheck sink schema, version 3: fewer index insertions per stored URL.
-- latest_outcome and latest_status_code cost every upsert two index insertions, yet served only
-- filters on values most rows share (OK, 2xx), where walking the sort index (latest_checked_at or
-- latest_response_time) and filtering finds a page sooner. Filters that select few rows are filters on
-- failures; one partial index over the failures serves them, and costs nothing for an OK result.
DROP INDEX latest_outcome;
DROP INDEX latest_status_code;
CREATE INDEX latest_failures ON latest (outcome, status_code) WHERE outcome <> 'OK';
