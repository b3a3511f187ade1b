-- Media bytes every process can read: one row per stored file, its bytes in chunks so a 16 MB file
-- is written and read a chunk at a time. A file counts once `complete` is set: a write that died
-- half-way leaves an incomplete row nobody serves.
CREATE TABLE media_blobs (
  key        text PRIMARY KEY,
  size_bytes bigint NOT NULL DEFAULT 0,
  complete   boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE media_chunks (
  key  text NOT NULL REFERENCES media_blobs(key) ON DELETE CASCADE,
  seq  integer NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (key, seq)
);

-- An inbound download is held by one worker at a time: the claim lasts until claimed_until, so a
-- second process leaves it alone while the first downloads, and takes it over if that one died.
ALTER TABLE message_media ADD COLUMN claimed_until timestamptz;
ALTER TABLE message_media ADD COLUMN claimed_by text;

-- Erasing a customer asks Twilio to forget their messages too: one row per message sid, retried
-- with backoff, recording what Twilio confirmed (the body emptied, how many media deleted).
CREATE TABLE twilio_redactions (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id      uuid NOT NULL REFERENCES messaging_accounts(id) ON DELETE CASCADE,
  -- The erased customer (the contact row stays, anonymised), so an admin can follow the redaction.
  contact_id      uuid REFERENCES contacts(id) ON DELETE SET NULL,
  message_sid     text NOT NULL UNIQUE,
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  locked_until    timestamptz,
  -- 'redacted': Twilio answered the update with an empty body; 'not-found': Twilio no longer has the message.
  body_result     text CHECK (body_result IN ('redacted', 'not-found')),
  body_confirmed_at timestamptz,
  media_deleted   integer NOT NULL DEFAULT 0,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz
);
CREATE INDEX twilio_redactions_contact_idx ON twilio_redactions(contact_id);
CREATE INDEX twilio_redactions_due_idx ON twilio_redactions(next_attempt_at) WHERE state IN ('pending', 'running');

-- An erased customer's contact stays, anonymised, so the conversations the insights counted keep their row.
ALTER TABLE contacts ADD COLUMN erased_at timestamptz;
