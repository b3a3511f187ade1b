-- The outbox is claimed sender by sender (a fair share of each number's throughput per batch).
CREATE INDEX outbox_number_due_idx ON outbox(number_id, next_attempt_at) WHERE state <> 'done';
