-- Conversations and their turns: personal data of the user, erased on request.
CREATE TABLE conversation (
    id         UUID PRIMARY KEY,
    user_id    TEXT        NOT NULL,
    brand      TEXT        NOT NULL,
    persona    TEXT        NOT NULL,
    channel    TEXT        NOT NULL,
    state      TEXT        NOT NULL CHECK (state IN ('active', 'handoff')),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX conversation_user ON conversation (user_id, updated_at DESC);

CREATE TABLE turn (
    id              UUID PRIMARY KEY,
    conversation_id UUID        NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    user_id         TEXT        NOT NULL,
    seq             INTEGER     NOT NULL,
    user_text       TEXT        NOT NULL,
    reply_text      TEXT        NOT NULL,
    reply           JSONB       NOT NULL,
    intent          TEXT        NOT NULL,
    responder       TEXT        NOT NULL,
    title_ids       TEXT[]      NOT NULL DEFAULT '{}',
    latency_ms      BIGINT      NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (conversation_id, seq)
);
CREATE INDEX turn_user ON turn (user_id);

-- Thumbs up/down per turn; a user's later rating of the same turn replaces the earlier one.
CREATE TABLE turn_feedback (
    id         UUID PRIMARY KEY,
    turn_id    UUID        NOT NULL REFERENCES turn (id) ON DELETE CASCADE,
    user_id    TEXT        NOT NULL,
    rating     TEXT        NOT NULL CHECK (rating IN ('up', 'down')),
    reason     TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (turn_id, user_id)
);
