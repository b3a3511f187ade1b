-- Twilio Content templates Switchboard made for bot quick replies (twilio/quick-reply, twilio/list-picker).
-- One per account and content: the hash covers the language and every content type's fields, so the
-- same reply with the same buttons is created at Twilio once and reused by its Content SID.
CREATE TABLE bot_contents (
  account_id   uuid NOT NULL REFERENCES messaging_accounts(id) ON DELETE CASCADE,
  content_hash text NOT NULL,
  content_sid  text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, content_hash)
);
