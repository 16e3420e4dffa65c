-- Platform tables shared by every Marquee service that owns a database (module service-outbox).
-- Versions V0_x are reserved for these; a service's own migrations start at V1.

-- Events written in the same transaction as the state change they announce; the relay publishes them
-- to Kafka in id order and deletes them once the broker acknowledged them.
CREATE TABLE outbox_event (
    id          BIGSERIAL PRIMARY KEY,
    topic       TEXT        NOT NULL,
    record_key  TEXT,
    event_id    TEXT        NOT NULL,
    event_type  TEXT        NOT NULL,
    headers     JSONB       NOT NULL,
    payload     TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Events already consumed, recorded in the same transaction as their effect: a redelivered event is skipped.
CREATE TABLE inbox_event (
    consumer     TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX inbox_event_processed_at ON inbox_event (processed_at);

-- Erasure requests this service carried out: the request id and what was erased, never the user id.
CREATE TABLE erasure_log (
    request_id   TEXT PRIMARY KEY,
    erased       JSONB       NOT NULL,
    completed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
