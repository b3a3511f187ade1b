-- Wrap-up: each workstream lists the reasons an agent may give when ending or closing a
-- conversation, and may require one. The conversation keeps the reason as worded when it was given,
-- so renaming or removing a reason later does not rewrite history or the insights.
ALTER TABLE workstreams
  ADD COLUMN wrap_up_reasons jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN wrap_up_reason_required boolean NOT NULL DEFAULT false;

ALTER TABLE conversations
  ADD COLUMN wrap_up_reason text,
  ADD COLUMN wrap_up_summary text;

-- Labels, as Chatwoot has them: a catalogue admins keep (name and colour), put on and taken off a
-- conversation by agents at any time. Deleting a label takes it off every conversation.
CREATE TABLE labels (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  color text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX labels_name_unique ON labels (lower(name));

CREATE TABLE conversation_labels (
  conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  label_id uuid NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
  added_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, label_id)
);
CREATE INDEX conversation_labels_label ON conversation_labels (label_id, conversation_id);
