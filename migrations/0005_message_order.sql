-- Insertion order, to break ties between messages stored in the same instant
-- (a customer's message and the automated answer to it share a timestamp).
ALTER TABLE messages ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
DROP INDEX messages_conversation_idx;
CREATE INDEX messages_conversation_idx ON messages(conversation_id, created_at, seq);
