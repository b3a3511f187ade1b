-- Behaviors: automated messages, post-conversation survey, bots and auto-close, per workstream.

-- Each section is a small JSON document validated by the API's schema (src/server/automation/schema.ts);
-- missing keys mean "the default".
CREATE TABLE workstream_behaviors (
  workstream_id        uuid PRIMARY KEY REFERENCES workstreams(id) ON DELETE CASCADE,
  -- {trigger: {enabled?: boolean, texts?: {language: text}}}
  automated_messages   jsonb NOT NULL DEFAULT '{}'::jsonb,
  survey               jsonb NOT NULL DEFAULT '{}'::jsonb,
  bot                  jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- The HTTP bot's HMAC secret, sealed like Twilio auth tokens; never returned by the API.
  bot_secret_encrypted text,
  auto_close           jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_at           timestamptz NOT NULL DEFAULT now()
);

-- Triggers that speak at most once per conversation (greeting, out of hours…): the row is the proof,
-- and its primary key makes two processes agree on who sends it.
CREATE TABLE conversation_automations (
  conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  trigger         text NOT NULL,
  fired_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, trigger)
);

ALTER TABLE conversations
  -- 'active' while a bot answers first (not routed yet); 'handed-off' once a person takes over.
  ADD COLUMN bot_state text CHECK (bot_state IN ('active', 'handed-off'));
CREATE INDEX conversations_bot_idle_idx ON conversations(last_message_at) WHERE bot_state = 'active' AND state <> 'closed';

CREATE TABLE survey_requests (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  conversation_id uuid NOT NULL UNIQUE REFERENCES conversations(id) ON DELETE CASCADE,
  contact_id      uuid NOT NULL REFERENCES contacts(id),
  number_id       uuid NOT NULL REFERENCES whatsapp_numbers(id),
  workstream_id   uuid REFERENCES workstreams(id),
  queue_id        uuid REFERENCES queues(id),
  agent_id        uuid REFERENCES users(id),
  channel         text NOT NULL CHECK (channel IN ('whatsapp', 'link')),
  status          text NOT NULL CHECK (status IN ('sent', 'answered', 'not-sent')),
  message_id      uuid REFERENCES messages(id) ON DELETE SET NULL,
  reason          text,
  created_at      timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  rating          integer CHECK (rating BETWEEN 1 AND 5),
  comment         text,
  answered_at     timestamptz,
  answered_via    text CHECK (answered_via IN ('whatsapp', 'link'))
);
CREATE INDEX survey_requests_awaiting_idx ON survey_requests(contact_id, number_id, expires_at) WHERE status = 'sent';
CREATE INDEX survey_requests_answered_idx ON survey_requests(answered_at) WHERE status = 'answered';
