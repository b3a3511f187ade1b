-- How far each agent has read each conversation: the last message they saw. Unread counts are the
-- inbound messages after that mark (messages.seq orders messages by insertion).
CREATE TABLE conversation_reads (
  conversation_id       uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  user_id               uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  last_read_message_id  uuid REFERENCES messages(id) ON DELETE SET NULL,
  last_read_seq         bigint NOT NULL,
  read_at               timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX conversation_reads_user_idx ON conversation_reads(user_id);

-- Counting a conversation's inbound messages after a mark, for every row of the list.
CREATE INDEX messages_inbound_seq_idx ON messages(conversation_id, seq) WHERE direction = 'inbound';
