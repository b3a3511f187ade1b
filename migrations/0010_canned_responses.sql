-- Canned responses (quick replies): text an agent inserts by typing "/shortcut" in the composer.
-- owner_user_id null: shared by the team (managed by admins and supervisors); otherwise one
-- agent's personal reply, which only that agent sees.
CREATE TABLE canned_responses (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  shortcut       text NOT NULL CHECK (shortcut ~ '^[a-z0-9][a-z0-9_-]{0,31}$'),
  title          text NOT NULL CHECK (length(title) BETWEEN 1 AND 80),
  body           text NOT NULL CHECK (length(body) BETWEEN 1 AND 4096),
  language       text,
  owner_user_id  uuid REFERENCES users(id) ON DELETE CASCADE,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
-- A shortcut names one shared reply, and one personal reply per agent (who may not reuse a shared
-- shortcut: the service checks that, since a shared one created later may land on it).
CREATE UNIQUE INDEX canned_responses_shared_shortcut ON canned_responses(shortcut) WHERE owner_user_id IS NULL;
CREATE UNIQUE INDEX canned_responses_personal_shortcut ON canned_responses(owner_user_id, shortcut) WHERE owner_user_id IS NOT NULL;
