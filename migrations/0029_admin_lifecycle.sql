-- An archived queue is out of pickers and routing, but the conversations, surveys and insights that
-- name it keep doing so. Its name is free for a new queue, so names are unique among live queues only.
ALTER TABLE queues ADD COLUMN archived_at timestamptz;
ALTER TABLE queues DROP CONSTRAINT queues_name_key;
CREATE UNIQUE INDEX queues_name_live ON queues(name) WHERE archived_at IS NULL;
