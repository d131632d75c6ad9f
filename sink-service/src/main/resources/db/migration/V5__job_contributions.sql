-- urlcheck sink schema, version 5: a job's totals are the sum of its contributors' latest totals.
-- An intake job is read by every producer in the consumer group at once; each producer process publishes
-- the totals of its own part as a contributor (JobTotals.contributor), and one producer's totals must
-- neither replace another's nor be reset by a restart. See sink-service/README.md ("PostgreSQL schema").
--
-- * job_contributions holds each contributor's latest totals; '' is the contributor of a job submitted
--   whole (no contributor id), whose latest totals replace the earlier ones as before.
-- * jobs keeps the sum (written in the same transaction, under the jobs row's lock), so queries of jobs
--   read as before; open_ended says the job has no end a producer can see.

CREATE TABLE job_contributions (
    job_id       text NOT NULL,
    contributor  text NOT NULL,
    submitted    bigint NOT NULL,
    accepted     bigint NOT NULL,
    rejected     bigint NOT NULL,
    duplicates   bigint NOT NULL,
    skipped      bigint NOT NULL,
    complete     boolean NOT NULL,
    open_ended   boolean NOT NULL,
    started_at   timestamptz,
    updated_at   timestamptz,
    PRIMARY KEY (job_id, contributor)
);

ALTER TABLE jobs ADD COLUMN open_ended boolean NOT NULL DEFAULT false;

-- The totals stored so far were whole jobs' (or the last writer's): each becomes its job's one contribution.
INSERT INTO job_contributions (job_id, contributor, submitted, accepted, rejected, duplicates, skipped, complete,
                               open_ended, started_at, updated_at)
    SELECT job_id, '', submitted, accepted, rejected, duplicates, skipped, complete, false, started_at, updated_at
    FROM jobs WHERE has_totals;
