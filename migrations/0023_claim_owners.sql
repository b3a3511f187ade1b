-- A claim names the process that made it, so that when the process's heartbeat (outbox_workers.seen_at,
-- beaten every second by each outbox worker) stops, any other process releases its claims within
-- seconds instead of waiting for their lease to run out; each is reconciled with Twilio before a retry.
ALTER TABLE outbox ADD COLUMN claimed_by uuid;
CREATE INDEX outbox_claimed_by_idx ON outbox (claimed_by) WHERE state = 'in-flight';
-- Which process a worker is (host name and pid), for whoever looks at the claims and leases.
ALTER TABLE outbox_workers ADD COLUMN process text;

-- A conversation's messages go out in order: one is claimed only when no earlier message of its
-- conversation is still unsent (queued, being sent, or of unknown outcome). One index probe per candidate.
ALTER TABLE outbox ADD COLUMN conversation_id uuid;
UPDATE outbox o SET conversation_id = m.conversation_id FROM messages m WHERE m.id = o.message_id;
ALTER TABLE outbox ALTER COLUMN conversation_id SET NOT NULL;
CREATE INDEX outbox_conversation_unsent_idx ON outbox (conversation_id, message_id) WHERE state <> 'done';
