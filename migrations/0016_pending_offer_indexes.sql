-- Pending offers had two partial indexes besides the one per conversation: by agent and by expiry.
-- With few pending rows in the statistics the planner saw them as equally cheap and often scanned
-- the whole expiry index to find one agent's offers (40 times per routing decision). One index
-- serves both: an agent's pending offers, and the expiry sweep, which takes them by agent, then time.
DROP INDEX offers_agent_pending_idx;
DROP INDEX offers_expiry_idx;
CREATE INDEX offers_pending_by_agent_idx ON offers(agent_id, expires_at) WHERE state = 'pending';
