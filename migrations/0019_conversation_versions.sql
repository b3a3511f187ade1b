-- Every change to a conversation gives it a higher version. A client can hold two views of one
-- conversation that crossed on the way (a REST answer read before a change, an event sent after
-- it): it keeps the higher version, whatever order they arrive in. A trigger, so no update forgets.
ALTER TABLE conversations ADD COLUMN version integer NOT NULL DEFAULT 1;

CREATE FUNCTION bump_conversation_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := OLD.version + 1;
  RETURN NEW;
END $$;

CREATE TRIGGER conversations_version BEFORE UPDATE ON conversations
  FOR EACH ROW EXECUTE FUNCTION bump_conversation_version();
