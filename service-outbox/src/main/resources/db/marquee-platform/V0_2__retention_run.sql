-- What the retention jobs did, per data type (transcripts, feedback, interactions, ...): kept in the database so
-- that every instance reports the same, whichever instance ran the job. total_deleted grows in the same
-- transaction as each batch it counts; the last_* columns describe the last run that finished.
CREATE TABLE retention_run (
    data_type     TEXT PRIMARY KEY,
    first_run_at  TIMESTAMPTZ NOT NULL,
    total_deleted BIGINT      NOT NULL DEFAULT 0,
    last_run_at   TIMESTAMPTZ,
    last_cutoff   TIMESTAMPTZ,
    last_deleted  JSONB
);
