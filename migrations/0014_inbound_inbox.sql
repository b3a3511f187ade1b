-- Every signed inbound webhook is written here before Twilio gets its 200: the durable receipt.
-- Processing (contact, conversation, routing, behaviors) deletes the row in the same transaction
-- that stores the message, so a message is stored exactly once whether a request or a worker,
-- on any process, does the work. One customer's messages are processed in arrival order.
CREATE TABLE inbound_inbox (
  id bigserial PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES messaging_accounts(id) ON DELETE CASCADE,
  message_sid text NOT NULL UNIQUE,
  sender text NOT NULL,
  params jsonb NOT NULL,
  received_at timestamptz NOT NULL,
  -- The request that received the row processes it first; workers take it from here on.
  available_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  last_error text
);
CREATE INDEX inbound_inbox_due_idx ON inbound_inbox (available_at, id);
CREATE INDEX inbound_inbox_sender_idx ON inbound_inbox (sender, id);
