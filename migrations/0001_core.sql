-- Core schema: people, messaging accounts and numbers, queues and workstreams,
-- contacts, conversations, messages, the outbox and templates.

CREATE TABLE users (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email         text NOT NULL UNIQUE,
  name          text NOT NULL,
  role          text NOT NULL CHECK (role IN ('admin', 'supervisor', 'agent')),
  password_hash text NOT NULL,
  capacity      integer NOT NULL DEFAULT 100 CHECK (capacity >= 0),
  presence      text NOT NULL DEFAULT 'offline',
  language      text NOT NULL DEFAULT 'en',
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until  timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  disabled_at   timestamptz
);

CREATE TABLE sessions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash   text NOT NULL UNIQUE,
  user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions(user_id);

CREATE TABLE messaging_accounts (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name                 text NOT NULL,
  channel              text NOT NULL CHECK (channel IN ('whatsapp')),
  provider             text NOT NULL CHECK (provider IN ('twilio', 'simulator')),
  account_sid          text NOT NULL,
  auth_token_encrypted text NOT NULL,
  inbound_key          text NOT NULL UNIQUE,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  deleted_at           timestamptz
);

CREATE TABLE whatsapp_numbers (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id            uuid NOT NULL REFERENCES messaging_accounts(id),
  name                  text NOT NULL,
  number                text NOT NULL,
  messaging_service_sid text,
  max_per_second        integer NOT NULL DEFAULT 80 CHECK (max_per_second > 0),
  created_at            timestamptz NOT NULL DEFAULT now(),
  deleted_at            timestamptz
);
CREATE UNIQUE INDEX whatsapp_numbers_number_live ON whatsapp_numbers(number) WHERE deleted_at IS NULL;
CREATE INDEX whatsapp_numbers_account_idx ON whatsapp_numbers(account_id);

CREATE TABLE queues (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name              text NOT NULL UNIQUE,
  priority          integer NOT NULL DEFAULT 0,
  assignment_method text NOT NULL DEFAULT 'highest-capacity'
                    CHECK (assignment_method IN ('highest-capacity', 'round-robin', 'least-active')),
  is_default        boolean NOT NULL DEFAULT false,
  created_at        timestamptz NOT NULL DEFAULT now()
);
-- Exactly one queue catches messages to numbers that no workstream uses.
CREATE UNIQUE INDEX queues_single_default ON queues(is_default) WHERE is_default;

CREATE TABLE queue_members (
  queue_id uuid NOT NULL REFERENCES queues(id) ON DELETE CASCADE,
  user_id  uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (queue_id, user_id)
);
CREATE INDEX queue_members_user_idx ON queue_members(user_id);

CREATE TABLE workstreams (
  id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name                      text NOT NULL,
  channel                   text NOT NULL CHECK (channel IN ('whatsapp')),
  mode                      text NOT NULL CHECK (mode IN ('push', 'pick')),
  fallback_queue_id         uuid NOT NULL REFERENCES queues(id),
  capacity_per_conversation integer NOT NULL DEFAULT 10 CHECK (capacity_per_conversation >= 0),
  offer_timeout_seconds     integer NOT NULL DEFAULT 120 CHECK (offer_timeout_seconds > 0),
  number_id                 uuid REFERENCES whatsapp_numbers(id),
  language                  text NOT NULL DEFAULT 'en',
  customer_attachments      boolean NOT NULL DEFAULT true,
  agent_attachments         boolean NOT NULL DEFAULT true,
  created_at                timestamptz NOT NULL DEFAULT now(),
  deleted_at                timestamptz
);
CREATE UNIQUE INDEX workstreams_number_live ON workstreams(number_id) WHERE deleted_at IS NULL AND number_id IS NOT NULL;

CREATE TABLE contacts (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  wa_id        text NOT NULL UNIQUE,
  phone        text NOT NULL,
  name         text,
  profile_name text,
  language     text,
  attributes   jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE conversations (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contact_id        uuid NOT NULL REFERENCES contacts(id),
  number_id         uuid NOT NULL REFERENCES whatsapp_numbers(id),
  workstream_id     uuid REFERENCES workstreams(id),
  queue_id          uuid REFERENCES queues(id),
  state             text NOT NULL DEFAULT 'open'
                    CHECK (state IN ('open', 'active', 'waiting', 'wrap-up', 'closed')),
  assigned_agent_id uuid REFERENCES users(id),
  last_inbound_at   timestamptz,
  last_message_at   timestamptz NOT NULL DEFAULT now(),
  created_at        timestamptz NOT NULL DEFAULT now(),
  closed_at         timestamptz
);
-- A customer has at most one live conversation per business number.
CREATE UNIQUE INDEX conversations_one_live ON conversations(contact_id, number_id) WHERE state <> 'closed';
CREATE INDEX conversations_state_idx ON conversations(state, last_message_at DESC);
CREATE INDEX conversations_queue_idx ON conversations(queue_id) WHERE state <> 'closed';
CREATE INDEX conversations_agent_idx ON conversations(assigned_agent_id) WHERE state <> 'closed';

CREATE TABLE conversation_events (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  type            text NOT NULL,
  actor_user_id   uuid REFERENCES users(id),
  data            jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversation_events_conv_idx ON conversation_events(conversation_id, id);

CREATE TABLE templates (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name             text NOT NULL UNIQUE,
  default_language text NOT NULL,
  text             text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE template_localizations (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  template_id uuid NOT NULL REFERENCES templates(id) ON DELETE CASCADE,
  language    text NOT NULL,
  text        text NOT NULL,
  content_sid text,
  UNIQUE (template_id, language)
);

CREATE TABLE messages (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  conversation_id   uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  direction         text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  kind              text NOT NULL DEFAULT 'text',
  body              text NOT NULL DEFAULT '',
  status            text NOT NULL,
  twilio_sid        text UNIQUE,
  error_code        integer,
  error_message     text,
  sender_user_id    uuid REFERENCES users(id),
  template_id       uuid REFERENCES templates(id),
  content_sid       text,
  content_variables jsonb,
  latitude          double precision,
  longitude         double precision,
  button_text       text,
  button_payload    text,
  replied_to_sid    text,
  raw               jsonb,
  created_at        timestamptz NOT NULL DEFAULT now(),
  status_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX messages_conversation_idx ON messages(conversation_id, created_at);

CREATE TABLE message_events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_id  uuid NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  type        text NOT NULL,
  status      text,
  error_code  integer,
  detail      text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX message_events_message_idx ON message_events(message_id, id);

CREATE TABLE message_media (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  message_id     uuid NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  position       integer NOT NULL DEFAULT 0,
  source_url     text,
  content_type   text NOT NULL,
  filename       text,
  size_bytes     bigint,
  storage_key    text,
  status         text NOT NULL CHECK (status IN ('pending', 'stored', 'blocked', 'failed')),
  error          text,
  public_token   text UNIQUE,
  public_expires timestamptz,
  attempts       integer NOT NULL DEFAULT 0,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX message_media_message_idx ON message_media(message_id);
CREATE INDEX message_media_pending_idx ON message_media(created_at) WHERE status = 'pending';

-- One row per outbound message still to be handed to Twilio. Claimed with FOR UPDATE SKIP LOCKED.
CREATE TABLE outbox (
  message_id         uuid PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
  number_id          uuid NOT NULL REFERENCES whatsapp_numbers(id),
  state              text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'in-flight', 'done')),
  attempts           integer NOT NULL DEFAULT 0,
  next_attempt_at    timestamptz NOT NULL DEFAULT now(),
  locked_until       timestamptz,
  attempt_started_at timestamptz,
  -- Set when an earlier attempt may have reached Twilio: check with Twilio before sending again.
  reconcile_since    timestamptz,
  last_error         text,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_due_idx ON outbox(next_attempt_at) WHERE state <> 'done';

-- Status callbacks for a sid we do not know yet (they can beat the send call's answer).
CREATE TABLE early_status_callbacks (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_sid text NOT NULL,
  params      jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX early_status_callbacks_sid_idx ON early_status_callbacks(message_sid);

-- Webhooks for a number the account does not list: kept, never dropped, and shown to admins.
CREATE TABLE unmatched_inbound (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id  uuid NOT NULL REFERENCES messaging_accounts(id),
  message_sid text NOT NULL UNIQUE,
  to_address  text NOT NULL,
  params      jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);

-- Catches conversations that no workstream or rule places anywhere else.
INSERT INTO queues (name, priority, is_default) VALUES ('Default queue', 0, true);
