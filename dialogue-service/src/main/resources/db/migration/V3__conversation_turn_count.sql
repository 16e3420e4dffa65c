-- The number of turns of a conversation, kept on its row: the next turn's seq is read from the row the turn
-- already locks (instead of counting the turns each time), and conversation lists show it without a join.
ALTER TABLE conversation ADD COLUMN turns INTEGER NOT NULL DEFAULT 0;
UPDATE conversation c SET turns = (SELECT count(*) FROM turn t WHERE t.conversation_id = c.id);
