-- The hybrid recommender keeps its scorers' state in memory, rebuilt from the interactions at start and updated
-- from each new one; the trending sums of V1 are derived data that the model now owns.
DROP TABLE title_popularity;
ALTER TABLE interaction DROP COLUMN contribution;

-- Content embeddings of titles (all-MiniLM-L6-v2 over name, genres, tags and synopsis), computed in the
-- background after a title is added or changed; text_hash tells whether the text changed since.
CREATE TABLE title_vector (
    title_id   TEXT PRIMARY KEY REFERENCES title (id) ON DELETE CASCADE,
    text_hash  TEXT        NOT NULL,
    vector     BYTEA       NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Every served list, so that later pages of the same recommendation id never repeat a title, and so that the
-- variant a list was served under is known. Personal data: erased with the user, kept for a day.
CREATE TABLE served_list (
    recommendation_id UUID PRIMARY KEY,
    user_id           TEXT        NOT NULL,
    strategy          TEXT        NOT NULL,
    variant           TEXT        NOT NULL,
    request           JSONB       NOT NULL,
    title_ids         TEXT[]      NOT NULL,
    pages             INTEGER     NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX served_list_user ON served_list (user_id);
CREATE INDEX served_list_created ON served_list (created_at);

-- Tastes users stated in conversation (marquee.dialogue.preferences.v1), for cold start. Personal data.
CREATE TABLE stated_preference (
    preference_id TEXT PRIMARY KEY,
    user_id       TEXT        NOT NULL,
    sentiment     TEXT        NOT NULL CHECK (sentiment IN ('like', 'dislike')),
    genres        TEXT[]      NOT NULL DEFAULT '{}',
    phrases       TEXT[]      NOT NULL DEFAULT '{}',
    kinds         TEXT[]      NOT NULL DEFAULT '{}',
    occurred_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX stated_preference_user ON stated_preference (user_id);

-- This service's view of the consent ledger (marquee.privacy.consent.v1), the columns of the shared ConsentView;
-- personalization decides whether a user's history is learned from and used.
CREATE TABLE consent_view (
    user_id           TEXT        PRIMARY KEY,
    brand             TEXT        NOT NULL,
    personalization   BOOLEAN     NOT NULL,
    model_improvement BOOLEAN     NOT NULL,
    version           BIGINT      NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);

CREATE INDEX interaction_order ON interaction (occurred_at, interaction_id);
