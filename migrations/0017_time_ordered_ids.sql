-- Messages, conversations and contacts are the rows that pile up. Random (version 4) UUIDs put
-- every new row in a random leaf page of their primary key index (and of the outbox's, keyed by
-- message), so once those indexes outgrow shared_buffers each insert reads pages from disk
-- (measured on a database with 1,000,000 messages: see BENCHMARKS.md, Growth). Version 7 UUIDs
-- (RFC 9562) start with the millisecond clock, so new rows land in the index's last pages.
-- Their 74 random bits still keep them unguessable; existing ids stay as they are.
CREATE FUNCTION switchboard_uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
  -- The first 6 bytes of a random UUID become the Unix time in milliseconds; its version nibble
  -- (0100, byte 6) becomes 0111 by setting bits 52 and 53; the variant bits are already right.
  SELECT encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid())
              PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
              FROM 1 FOR 6),
      52, 1), 53, 1),
    'hex')::uuid
$$;

ALTER TABLE messages ALTER COLUMN id SET DEFAULT switchboard_uuid_v7();
ALTER TABLE conversations ALTER COLUMN id SET DEFAULT switchboard_uuid_v7();
ALTER TABLE contacts ALTER COLUMN id SET DEFAULT switchboard_uuid_v7();
