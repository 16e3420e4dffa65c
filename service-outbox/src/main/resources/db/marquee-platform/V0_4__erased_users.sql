-- Users this service erased, by SHA-256 of their id, and when the erasure ran (ErasureHorizon): consumers drop a
-- user's events that happened before it, which were still in flight when the erasure ran. Rows are deleted once
-- no such event can arrive any more (the topics' retention).
CREATE TABLE erased_user (
    user_hash TEXT PRIMARY KEY,
    erased_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX erased_user_at ON erased_user (erased_at);
