-- The brand an interaction happened in: consent to personalization is given per brand, and the model learns only
-- from interactions in brands with consent. Rows stored before this column existed have no brand (not known).
ALTER TABLE interaction ADD COLUMN brand TEXT;
