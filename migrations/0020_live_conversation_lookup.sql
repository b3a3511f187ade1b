-- A customer's live conversation is looked up on every inbound message, by (contact_id, number_id)
-- and state <> 'closed'. These two indexes had that same predicate, so when the statistics said
-- no conversation was live (a quiet period followed by a burst) PostgreSQL chose them for the
-- lookup and read every live conversation for each message. Each now covers only rows its own
-- queries ask for (queue_id = … and assigned_agent_id = … imply IS NOT NULL), which leaves the
-- lookup conversations_one_live.
DROP INDEX conversations_queue_idx;
CREATE INDEX conversations_queue_idx ON conversations(queue_id) WHERE state <> 'closed' AND queue_id IS NOT NULL;
DROP INDEX conversations_agent_idx;
CREATE INDEX conversations_agent_idx ON conversations(assigned_agent_id) WHERE state <> 'closed' AND assigned_agent_id IS NOT NULL;
