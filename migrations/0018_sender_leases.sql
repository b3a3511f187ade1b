-- One process at a time sends for a WhatsApp sender and paces it by itself, so a process that is
-- late (a busy event loop) can never push that sender over its cap together with another process.
-- The holder extends its lease while it has the sender's messages queued; the others leave the
-- sender's outbox entries alone until the lease runs out. Replaces booked send slots (0015).
DROP TABLE sender_pacing;
CREATE TABLE sender_leases (
  number_id uuid PRIMARY KEY REFERENCES whatsapp_numbers(id) ON DELETE CASCADE,
  -- The process (its outbox worker) that sends for this number.
  owner uuid NOT NULL,
  -- On the database's clock: a full window after the holder expects its last queued send.
  leased_until timestamptz NOT NULL
);

-- The outbox workers seen lately: a worker takes its share of the free senders (1 / workers alive).
CREATE TABLE outbox_workers (
  owner uuid PRIMARY KEY,
  seen_at timestamptz NOT NULL
);
