-- Consent is given per brand: the view keeps one row per user and brand. Every row of a user carries the
-- user's consent version (a per-user sequence across brands) of the state it came from.
ALTER TABLE consent_view DROP CONSTRAINT consent_view_pkey;
ALTER TABLE consent_view ADD PRIMARY KEY (user_id, brand);
