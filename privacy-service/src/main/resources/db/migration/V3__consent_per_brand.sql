-- Consent is given per brand: the current state has one row per user and brand. The version stays a per-user
-- sequence (it orders the user's states on the compacted consent topic); each row holds the version at which
-- that brand's decisions were last written.
ALTER TABLE consent_state DROP CONSTRAINT consent_state_pkey;
ALTER TABLE consent_state ADD PRIMARY KEY (user_id, brand);
CREATE INDEX consent_history_user_brand ON consent_history (user_id, brand, id);
