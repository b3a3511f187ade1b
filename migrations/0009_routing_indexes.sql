-- The work an agent holds, looked up for every assignment decision (capacity in use).
CREATE INDEX conversations_held_idx ON conversations(assigned_agent_id) WHERE state IN ('active', 'wrap-up');
