-- Operations: data retention, customer erasure, presence history for the supervisor dashboard.

-- One row of operational settings. retention_days null: keep message bodies and media forever.
CREATE TABLE operations_settings (
  id              boolean PRIMARY KEY DEFAULT true CHECK (id),
  retention_days  integer CHECK (retention_days BETWEEN 1 AND 3650),
  last_purge_at   timestamptz,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
INSERT INTO operations_settings (id) VALUES (true);

-- Set when retention removed the body and media of a message; the row stays for the numbers.
ALTER TABLE messages ADD COLUMN purged_at timestamptz;
CREATE INDEX messages_retention_idx ON messages(created_at) WHERE purged_at IS NULL;

-- Every presence an agent has had, for the supervisor's presence timeline. Written by a trigger,
-- so every path that changes presence (agent, capacity rule, system) is recorded.
CREATE TABLE presence_history (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  presence   text NOT NULL,
  source     text NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX presence_history_user_idx ON presence_history(user_id, changed_at);

CREATE FUNCTION record_presence_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO presence_history (user_id, presence, source, changed_at)
  VALUES (NEW.id, NEW.presence, NEW.presence_source, coalesce(NEW.presence_changed_at, now()));
  RETURN NEW;
END;
$$;

CREATE TRIGGER users_presence_history
  AFTER UPDATE OF presence ON users
  FOR EACH ROW WHEN (OLD.presence IS DISTINCT FROM NEW.presence)
  EXECUTE FUNCTION record_presence_change();
