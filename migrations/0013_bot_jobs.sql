-- A bot's turn for one customer message, done by a background worker so the webhook answers Twilio at
-- once. Stored in the inbound message's transaction; claimed with FOR UPDATE SKIP LOCKED under an
-- expiring lease (a claim whose lease ran out belonged to a process that died and is taken again).
-- Only the oldest unfinished job of a conversation may run, so its messages are answered in order.
CREATE TABLE bot_jobs (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_id      uuid NOT NULL UNIQUE REFERENCES messages(id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done')),
  -- Raised by each claim; only the latest claimer may finish the job.
  attempts        integer NOT NULL DEFAULT 0,
  locked_until    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz,
  -- What the turn did: replied, handed-off, skipped (the bot no longer had the conversation).
  outcome         text
);
CREATE INDEX bot_jobs_unfinished_idx ON bot_jobs(conversation_id, id) WHERE state <> 'done';
