-- Platform tables shared by every Marquee service that owns a database (module service-outbox).
-- Versions V0_x are reserved for these; a service's own migrations start at V1.

-- Events written in the same transaction as the state change they announce; the relay publishes them
-- to Kafka in id order and deletes them once the broker acknowledged them. An event the broker rejects for
-- itself (too large, unknown topic) is retried a few times and then parked (parked_at set) for an operator.
CREATE TABLE outbox_event (
    id          BIGSERIAL PRIMARY KEY,
    topic       TEXT        NOT NULL,
    record_key  TEXT,
    event_id    TEXT        NOT NULL,
    event_type  TEXT        NOT NULL,
    headers     JSONB       NOT NULL,
    payload     TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts    INTEGER     NOT NULL DEFAULT 0,
    last_error  TEXT,
    parked_at   TIMESTAMPTZ
);
CREATE INDEX outbox_event_pending ON outbox_event (id) WHERE parked_at IS NULL;

-- Erasure requests this service carried out: the request id and what was erased, never the user id.
CREATE TABLE erasure_log (
    request_id   TEXT PRIMARY KEY,
    erased       JSONB       NOT NULL,
    completed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
