-- Webhooks refused for a bad signature, counted per account and hour: a wrong saved token, or the
-- URL pasted into another Twilio account, shows on the Overview. One row per hour keeps a flood of
-- forged requests to a single row.
CREATE TABLE webhook_signature_failures (
  account_id uuid NOT NULL REFERENCES messaging_accounts(id) ON DELETE CASCADE,
  hour       timestamptz NOT NULL,
  failures   integer NOT NULL,
  last_at    timestamptz NOT NULL,
  PRIMARY KEY (account_id, hour)
);

-- What Twilio answered the last time an account's saved credentials were checked (Validate, or a
-- credentials change), so the Overview can say the credentials are refused without asking Twilio.
CREATE TABLE account_credential_checks (
  account_id  uuid PRIMARY KEY REFERENCES messaging_accounts(id) ON DELETE CASCADE,
  refused     boolean NOT NULL,
  message     text NOT NULL,
  twilio_code integer,
  checked_at  timestamptz NOT NULL
);
