-- The consent ledger: the current decision per user, and every change ever made (append-only).
CREATE TABLE consent_state (
    user_id        TEXT PRIMARY KEY,
    brand          TEXT        NOT NULL,
    purposes       JSONB       NOT NULL,
    policy_version TEXT        NOT NULL,
    source         TEXT        NOT NULL,
    version        BIGINT      NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE consent_history (
    id             BIGSERIAL PRIMARY KEY,
    user_id        TEXT        NOT NULL,
    brand          TEXT        NOT NULL,
    purpose        TEXT        NOT NULL,
    granted        BOOLEAN     NOT NULL,
    policy_version TEXT        NOT NULL,
    source         TEXT        NOT NULL,
    version        BIGINT      NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX consent_history_user ON consent_history (user_id, id);

CREATE FUNCTION consent_history_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'consent_history is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER consent_history_append_only BEFORE UPDATE OR DELETE ON consent_history
    FOR EACH ROW EXECUTE FUNCTION consent_history_is_append_only();

-- Erasure requests and each service's confirmation.
CREATE TABLE erasure_request (
    id                UUID PRIMARY KEY,
    user_id           TEXT        NOT NULL,
    status            TEXT        NOT NULL CHECK (status IN ('pending', 'completed')),
    required_services TEXT[]      NOT NULL,
    attempts          INTEGER     NOT NULL,
    requested_at      TIMESTAMPTZ NOT NULL,
    last_sent_at      TIMESTAMPTZ NOT NULL,
    completed_at      TIMESTAMPTZ
);
CREATE INDEX erasure_request_user ON erasure_request (user_id, requested_at DESC);
CREATE INDEX erasure_request_pending ON erasure_request (last_sent_at) WHERE status = 'pending';
-- At most one saga per user at a time.
CREATE UNIQUE INDEX erasure_request_one_pending ON erasure_request (user_id) WHERE status = 'pending';

CREATE TABLE erasure_confirmation (
    request_id   UUID        NOT NULL REFERENCES erasure_request (id),
    service      TEXT        NOT NULL,
    erased       JSONB       NOT NULL,
    confirmed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (request_id, service)
);
