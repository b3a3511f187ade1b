-- Realtime events too large for a NOTIFY payload (8000 bytes) wait here for the other processes.
CREATE TABLE realtime_spill (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  payload    jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
