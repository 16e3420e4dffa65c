-- Retention (DialogueRetention) finds expired rows by their time: turns and feedback by when they were written,
-- conversations by their last activity. Chat memory is found through its conversation instead: an index on its
-- time would cost every turn an index update.
CREATE INDEX turn_created ON turn (created_at);
CREATE INDEX turn_feedback_created ON turn_feedback (created_at);
CREATE INDEX conversation_updated ON conversation (updated_at);
