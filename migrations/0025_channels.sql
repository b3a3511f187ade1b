-- Channels become a seam: a number lists the channels it carries, a contact is one person with an
-- address per channel, and every conversation and workstream names its channel. The channel names
-- each column accepts are the registered adapters' (src/server/channels/registry.ts); a new
-- channel's migration widens these checks.

-- A Twilio account is no longer "a WhatsApp account": its numbers say what they carry.
ALTER TABLE messaging_accounts DROP COLUMN channel;

ALTER TABLE whatsapp_numbers RENAME TO numbers;
ALTER INDEX whatsapp_numbers_number_live RENAME TO numbers_number_live;
ALTER INDEX whatsapp_numbers_account_idx RENAME TO numbers_account_idx;
ALTER TABLE numbers ADD COLUMN channels text[] NOT NULL DEFAULT '{whatsapp}'
  CHECK (cardinality(channels) > 0 AND channels <@ ARRAY['whatsapp', 'sms']::text[]);

-- A (number, channel) pair belongs to at most one workstream.
ALTER TABLE workstreams DROP CONSTRAINT workstreams_channel_check;
ALTER TABLE workstreams ADD CONSTRAINT workstreams_channel_check CHECK (channel IN ('whatsapp', 'sms'));
DROP INDEX workstreams_number_live;
CREATE UNIQUE INDEX workstreams_number_live ON workstreams(number_id, channel) WHERE deleted_at IS NULL AND number_id IS NOT NULL;

-- One row per person, found by phone whatever channel they write on; erased contacts keep a
-- placeholder phone so the rule holds for them too.
UPDATE contacts SET phone = 'erased:' || id WHERE erased_at IS NOT NULL;
CREATE TABLE contact_addresses (
  channel    text NOT NULL,
  address    text NOT NULL,
  contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel, address)
);
CREATE INDEX contact_addresses_contact_idx ON contact_addresses(contact_id);
INSERT INTO contact_addresses (channel, address, contact_id, created_at)
  SELECT 'whatsapp', wa_id, id, created_at FROM contacts WHERE erased_at IS NULL;
ALTER TABLE contacts DROP COLUMN wa_id;
CREATE UNIQUE INDEX contacts_phone_key ON contacts(phone);

-- Every conversation names its channel; a customer has one live conversation per number and channel.
ALTER TABLE conversations ADD COLUMN channel text NOT NULL DEFAULT 'whatsapp' CHECK (channel IN ('whatsapp', 'sms'));
ALTER TABLE conversations ALTER COLUMN channel DROP DEFAULT;
DROP INDEX conversations_one_live;
CREATE UNIQUE INDEX conversations_one_live ON conversations(contact_id, number_id, channel) WHERE state <> 'closed';

-- The provider's message id, whichever provider carried the message.
ALTER TABLE messages RENAME COLUMN twilio_sid TO provider_sid;

-- A survey asked in the conversation itself (on any channel) or through a link.
ALTER TABLE survey_requests DROP CONSTRAINT survey_requests_channel_check;
ALTER TABLE survey_requests DROP CONSTRAINT survey_requests_answered_via_check;
UPDATE survey_requests SET channel = 'chat' WHERE channel = 'whatsapp';
UPDATE survey_requests SET answered_via = 'chat' WHERE answered_via = 'whatsapp';
ALTER TABLE survey_requests ADD CONSTRAINT survey_requests_channel_check CHECK (channel IN ('chat', 'link'));
ALTER TABLE survey_requests ADD CONSTRAINT survey_requests_answered_via_check CHECK (answered_via IN ('chat', 'link'));

-- A customer who said STOP to a sender on a channel: nothing is sent to them there until they say START.
CREATE TABLE opt_outs (
  contact_id  uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  number_id   uuid NOT NULL REFERENCES numbers(id) ON DELETE CASCADE,
  channel     text NOT NULL,
  -- The keyword the customer sent, or 'twilio-21610' when Twilio refused a send for it.
  source      text NOT NULL,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (contact_id, number_id, channel)
);

-- The workstream's survey setting names the same choice.
UPDATE workstream_behaviors SET survey = jsonb_set(survey, '{channel}', '"chat"') WHERE survey->>'channel' = 'whatsapp';
