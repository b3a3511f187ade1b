-- The presence a user starts a sign-in with, when the sign-in finds them Offline. Agents sign in to
-- work, so theirs is Available: routable at once and shown as working on the supervisor floor.
-- Admins and supervisors take no work unless they choose to, so theirs stays Offline.
ALTER TABLE users
  ADD COLUMN default_presence text NOT NULL DEFAULT 'available'
    CHECK (default_presence IN ('available', 'busy', 'dnd', 'away', 'offline'));
UPDATE users SET default_presence = 'offline' WHERE role <> 'agent';
