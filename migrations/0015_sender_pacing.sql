-- WhatsApp caps each sender's throughput (80 messages/s by default). Every outbox worker, in any
-- process, books its sends here, so the senders' caps hold for the whole installation.
CREATE TABLE sender_pacing (
  number_id uuid PRIMARY KEY REFERENCES whatsapp_numbers(id) ON DELETE CASCADE,
  -- The first free send slot of this sender, on the database's clock.
  next_slot timestamptz NOT NULL
);
