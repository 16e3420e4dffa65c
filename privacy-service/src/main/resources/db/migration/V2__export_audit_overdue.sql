-- A request still waiting for a service after marquee.privacy.sagas.overdue-after is flagged (and stays pending).
ALTER TABLE erasure_request ADD COLUMN overdue_at TIMESTAMPTZ;

-- Exports (right of access): each service's contribution, assembled into one bundle on download. The bundle is
-- personal data itself: erased with the user and deleted marquee.privacy.export.keep-for after completion.
CREATE TABLE export_request (
    id                UUID PRIMARY KEY,
    user_id           TEXT        NOT NULL,
    status            TEXT        NOT NULL CHECK (status IN ('pending', 'completed', 'expired')),
    required_services TEXT[]      NOT NULL,
    attempts          INTEGER     NOT NULL,
    requested_at      TIMESTAMPTZ NOT NULL,
    last_sent_at      TIMESTAMPTZ NOT NULL,
    completed_at      TIMESTAMPTZ,
    overdue_at        TIMESTAMPTZ
);
CREATE INDEX export_request_user ON export_request (user_id, requested_at DESC);
CREATE INDEX export_request_pending ON export_request (last_sent_at) WHERE status = 'pending';
CREATE UNIQUE INDEX export_request_one_pending ON export_request (user_id) WHERE status = 'pending';

CREATE TABLE export_contribution (
    request_id     UUID        NOT NULL REFERENCES export_request (id) ON DELETE CASCADE,
    service        TEXT        NOT NULL,
    data           JSONB       NOT NULL,
    contributed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (request_id, service)
);

-- The audit log: every consent change and every step of the erasure and export sagas, append-only, each entry
-- chained to the one before by a SHA-256 hash (see AuditLog). The subject is a keyed hash of the user id, so
-- the log proves what happened to a user without naming them. Details are kept as the exact text that was hashed.
CREATE TABLE audit_log (
    seq        BIGINT PRIMARY KEY,
    at         TIMESTAMPTZ NOT NULL,
    action     TEXT        NOT NULL,
    subject    TEXT        NOT NULL,
    request_id UUID,
    details    TEXT        NOT NULL,
    prev_hash  TEXT        NOT NULL,
    hash       TEXT        NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject, seq);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
