-- Personas (brand voices), versioned: every change is a new row; the highest version of an id is in force.
CREATE TABLE persona_version (
    id         TEXT        NOT NULL,
    version    INTEGER     NOT NULL CHECK (version > 0),
    brand      TEXT        NOT NULL,
    document   JSONB       NOT NULL,
    source     TEXT        NOT NULL CHECK (source IN ('file', 'admin')),
    created_by TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (id, version)
);

-- Chat memory: the message window a model sees, per user and conversation (personal data, erased on request).
CREATE TABLE chat_memory (
    conversation_id UUID        PRIMARY KEY,
    user_id         TEXT        NOT NULL,
    messages        JSONB       NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX chat_memory_user ON chat_memory (user_id);

-- This service's view of the consent ledger, from the compacted topic marquee.privacy.consent.v1.
-- No row means no consent: personalization and model improvement are off until the user grants them.
CREATE TABLE consent_view (
    user_id           TEXT        PRIMARY KEY,
    brand             TEXT        NOT NULL,
    personalization   BOOLEAN     NOT NULL,
    model_improvement BOOLEAN     NOT NULL,
    version           BIGINT      NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);

-- Guardrails that triggered on a turn, as in its TurnCompleted event.
ALTER TABLE turn ADD COLUMN guardrails TEXT[] NOT NULL DEFAULT '{}';
ALTER TABLE turn ADD COLUMN tokens_in INTEGER;
ALTER TABLE turn ADD COLUMN tokens_out INTEGER;
