-- A row without payload is a tombstone: the relay publishes a null value, which deletes the key from a
-- compacted topic (a user's consent state once the user is erased).
ALTER TABLE outbox_event ALTER COLUMN payload DROP NOT NULL;
