-- Sign-in limits live in the database so they hold across processes, and each attempt is reserved
-- by one atomic statement before its password is hashed, so parallel guesses cannot all pass.

-- Per sign-in name (the lower-cased e-mail, whether or not such a user exists, so a lock never
-- tells a stranger that an account is there). Each lock lasts twice the one before, up to a cap;
-- a right password clears the row.
CREATE TABLE sign_in_accounts (
  email           text PRIMARY KEY,
  -- Attempts since the last lock or success, counted when they start.
  attempts        integer NOT NULL DEFAULT 0,
  -- Locks so far: the next one lasts 2^lock_level minutes.
  lock_level      integer NOT NULL DEFAULT 0,
  locked_until    timestamptz,
  last_attempt_at timestamptz NOT NULL
);
CREATE INDEX sign_in_accounts_last_attempt_idx ON sign_in_accounts(last_attempt_at);

-- Per client address, in a fixed window: attempts started, less those that succeeded.
CREATE TABLE sign_in_addresses (
  address           text PRIMARY KEY,
  window_started_at timestamptz NOT NULL,
  attempts          integer NOT NULL DEFAULT 0
);
CREATE INDEX sign_in_addresses_window_idx ON sign_in_addresses(window_started_at);

-- Replaced by sign_in_accounts.
ALTER TABLE users DROP COLUMN failed_logins, DROP COLUMN locked_until;
