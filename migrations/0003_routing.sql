-- Unified routing: workstream distribution settings, classification and route-to-queue rules,
-- queue hours and overflow, agent presence, skills and capacity, offers and consults.

CREATE TABLE capacity_profiles (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name              text NOT NULL UNIQUE,
  default_max_items integer NOT NULL DEFAULT 1 CHECK (default_max_items >= 0),
  created_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_capacity_profiles (
  user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  profile_id uuid NOT NULL REFERENCES capacity_profiles(id) ON DELETE CASCADE,
  max_items  integer NOT NULL CHECK (max_items >= 0),
  PRIMARY KEY (user_id, profile_id)
);

CREATE TABLE user_skills (
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name        text NOT NULL,
  proficiency integer NOT NULL CHECK (proficiency BETWEEN 1 AND 10),
  PRIMARY KEY (user_id, name)
);

ALTER TABLE users
  -- Who set the presence: the agent, the capacity rule (busy when full) or the system (offline, inactive).
  ADD COLUMN presence_source     text NOT NULL DEFAULT 'agent' CHECK (presence_source IN ('agent', 'capacity', 'system')),
  ADD COLUMN presence_changed_at timestamptz,
  ADD COLUMN missed_offers       integer NOT NULL DEFAULT 0,
  ADD COLUMN last_assigned_at    timestamptz,
  -- Last assignment or release of work: "least active" ranks the oldest first.
  ADD COLUMN last_activity_at    timestamptz,
  -- Refreshed while a realtime connection is open; null when the agent never connected.
  ADD COLUMN last_seen_at        timestamptz;

ALTER TABLE queue_members ADD COLUMN last_assigned_at timestamptz;

ALTER TABLE queues
  ADD COLUMN time_zone    text NOT NULL DEFAULT 'UTC',
  -- null: open around the clock; else [{day:"mon", open:"09:00", close:"18:00"}, …]
  ADD COLUMN weekly_hours jsonb,
  ADD COLUMN holidays     jsonb NOT NULL DEFAULT '[]'::jsonb,
  ADD COLUMN overflow     jsonb NOT NULL DEFAULT '{}'::jsonb;

ALTER TABLE workstreams
  ADD COLUMN allowed_presences           jsonb NOT NULL DEFAULT '["available","busy"]'::jsonb,
  ADD COLUMN skill_matching              text NOT NULL DEFAULT 'none' CHECK (skill_matching IN ('exact', 'closest', 'none')),
  ADD COLUMN keep_same_agent             boolean NOT NULL DEFAULT false,
  ADD COLUMN wrap_up_blocking            text NOT NULL DEFAULT 'always' CHECK (wrap_up_blocking IN ('always', 'never', 'timed')),
  ADD COLUMN wrap_up_blocking_seconds    integer CHECK (wrap_up_blocking_seconds BETWEEN 30 AND 3600),
  ADD COLUMN auto_close_waiting_seconds  integer CHECK (auto_close_waiting_seconds > 0),
  ADD COLUMN inactive_after_missed_offers integer NOT NULL DEFAULT 3 CHECK (inactive_after_missed_offers >= 0),
  ADD COLUMN capacity_profile_id         uuid REFERENCES capacity_profiles(id);

ALTER TABLE conversations
  -- Classification outputs and variables (bots add theirs): what the rules see.
  ADD COLUMN routing_variables jsonb NOT NULL DEFAULT '{}'::jsonb,
  ADD COLUMN required_skills   jsonb NOT NULL DEFAULT '[]'::jsonb,
  ADD COLUMN priority          integer NOT NULL DEFAULT 0,
  ADD COLUMN capacity_required integer CHECK (capacity_required >= 0),
  ADD COLUMN queued_at         timestamptz,
  ADD COLUMN wrap_up_at        timestamptz,
  ADD COLUMN overflowed_at     timestamptz,
  -- The agent who had it last: affinity sends a customer's reply back there.
  ADD COLUMN last_agent_id     uuid REFERENCES users(id);

-- Work waiting for an agent, in the order the engine takes it.
CREATE INDEX conversations_waiting_idx ON conversations(queue_id, priority DESC, last_inbound_at)
  WHERE state = 'open' AND assigned_agent_id IS NULL;

CREATE TABLE classification_rulesets (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workstream_id uuid NOT NULL REFERENCES workstreams(id) ON DELETE CASCADE,
  name          text NOT NULL,
  position      integer NOT NULL DEFAULT 0,
  enabled       boolean NOT NULL DEFAULT true,
  -- Ordered [{name, enabled, conditions:[{field, operator, value}], outputs:{…}}]
  rules         jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX classification_rulesets_ws_idx ON classification_rulesets(workstream_id, position);

CREATE TABLE route_to_queue_rules (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workstream_id uuid NOT NULL REFERENCES workstreams(id) ON DELETE CASCADE,
  name          text NOT NULL,
  position      integer NOT NULL DEFAULT 0,
  enabled       boolean NOT NULL DEFAULT true,
  conditions    jsonb NOT NULL DEFAULT '[]'::jsonb,
  queue_id      uuid REFERENCES queues(id),
  -- Optional percentage split [{queueId, percent}] over up to 5 queues, instead of queue_id.
  split         jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((queue_id IS NULL) <> (split IS NULL))
);
CREATE INDEX route_to_queue_rules_ws_idx ON route_to_queue_rules(workstream_id, position);

-- Push mode: work offered to one agent until accepted, rejected or expired.
CREATE TABLE offers (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  agent_id        uuid NOT NULL REFERENCES users(id),
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'rejected', 'expired', 'cancelled')),
  created_at      timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  decided_at      timestamptz
);
CREATE UNIQUE INDEX offers_one_pending ON offers(conversation_id) WHERE state = 'pending';
CREATE INDEX offers_agent_pending_idx ON offers(agent_id) WHERE state = 'pending';
CREATE INDEX offers_expiry_idx ON offers(expires_at) WHERE state = 'pending';
CREATE INDEX offers_conversation_idx ON offers(conversation_id, created_at);

-- Consulted agents see a conversation read-only until the assignee adds them as a participant.
CREATE TABLE conversation_participants (
  conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  user_id         uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  mode            text NOT NULL CHECK (mode IN ('consult', 'participant')),
  invited_by      uuid REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX conversation_participants_user_idx ON conversation_participants(user_id);
