-- The catalog.
CREATE TABLE title (
    id              TEXT PRIMARY KEY,
    kind            TEXT        NOT NULL CHECK (kind IN ('movie', 'series', 'episode', 'game', 'live_event')),
    name            TEXT        NOT NULL,
    synopsis        TEXT        NOT NULL,
    genres          TEXT[]      NOT NULL DEFAULT '{}',
    tags            TEXT[]      NOT NULL DEFAULT '{}',
    cast_members    TEXT[]      NOT NULL DEFAULT '{}',
    release_year    INTEGER     NOT NULL,
    runtime_minutes INTEGER,
    age_rating      INTEGER     NOT NULL CHECK (age_rating IN (0, 7, 12, 16, 18)),
    regions         TEXT[]      NOT NULL DEFAULT '{}',
    available_from  TIMESTAMPTZ NOT NULL,
    available_until TIMESTAMPTZ,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX title_genres ON title USING GIN (genres);
CREATE INDEX title_name_lower ON title (lower(name));

-- Interactions consumed from marquee.interactions.v1 (personal data: erased on request).
-- contribution = weight of the type * 2^((occurred_at - decay epoch) / half-life): summing it per title gives
-- a time-decayed popularity whose ranking never needs recomputing as time passes.
CREATE TABLE interaction (
    interaction_id    TEXT PRIMARY KEY,
    user_id           TEXT             NOT NULL,
    title_id          TEXT             NOT NULL REFERENCES title (id) ON DELETE CASCADE,
    type              TEXT             NOT NULL,
    rating            INTEGER,
    recommendation_id TEXT,
    contribution      DOUBLE PRECISION NOT NULL,
    occurred_at       TIMESTAMPTZ      NOT NULL,
    received_at       TIMESTAMPTZ      NOT NULL DEFAULT now()
);
CREATE INDEX interaction_user ON interaction (user_id);
CREATE INDEX interaction_title ON interaction (title_id);

-- Derived from interaction: the trending scorer's state, rebuilt for the affected titles when a user is erased.
CREATE TABLE title_popularity (
    title_id     TEXT PRIMARY KEY REFERENCES title (id) ON DELETE CASCADE,
    score        DOUBLE PRECISION NOT NULL,
    interactions BIGINT           NOT NULL,
    updated_at   TIMESTAMPTZ      NOT NULL DEFAULT now()
);
CREATE INDEX title_popularity_score ON title_popularity (score DESC);
