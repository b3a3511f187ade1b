/**
 * Fills a PostgreSQL database with a year of closed history, to measure Switchboard on a grown
 * database: by default 1,000,000 messages in 100,000 conversations of 50,000 customers, answered
 * by 200 agents in 10 queues, each message with its Twilio sid, each reply with its (done) outbox
 * entry, each conversation with its timeline (created, queued, assigned, closed). Set-based SQL
 * (generate_series), in one transaction; it applies the migrations first.
 *
 *   DATABASE_URL=postgres://… npm run bench:seed -- [--messages 1000000] [--conversations 100000]
 *
 * The benchmarks run on a copy of it: SEEDED_DATABASE=<database name> (see BENCHMARKS.md).
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openPostgres } from '../src/server/db/database.js';
import { migrate } from '../src/server/db/migrate.js';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '1000000' }, conversations: { type: 'string', default: '100000' }, agents: { type: 'string', default: '200' }, queues: { type: 'string', default: '10' } } });
const MESSAGES = Number(values.messages);
const CONVERSATIONS = Number(values.conversations);
const AGENTS = Number(values.agents);
const QUEUES = Number(values.queues);
const CONTACTS = Math.max(1, Math.floor(CONVERSATIONS / 2));
/**
 * The newest 2 % are still live, Waiting for their customer with their agent, as in a business
 * that runs: PostgreSQL's statistics then know live conversations exist (with none, the planner
 * looked a customer's live conversation up through the wrong index, scanning every live one).
 */
const LIVE = Math.min(CONTACTS, Math.floor(CONVERSATIONS * 0.02));
const CLOSED = CONVERSATIONS - LIVE;
const CHUNK = 100_000;
const DATABASE_URL = process.env.DATABASE_URL;

if (!DATABASE_URL?.startsWith('postgres')) throw new Error('Set DATABASE_URL to the PostgreSQL database to fill.');
if (![MESSAGES, CONVERSATIONS, AGENTS, QUEUES].every((n) => Number.isInteger(n) && n > 0) || MESSAGES < CONVERSATIONS) {
  throw new Error('--messages, --conversations, --agents and --queues are positive whole numbers, with at least one message per conversation.');
}

const database = openPostgres(DATABASE_URL, { max: 1 });
await migrate(database);
await database.close();

const client = new pg.Client({ connectionString: DATABASE_URL });
await client.connect();
const started = performance.now();
const step = async (what: string, query: string, rows?: number) => {
  const t0 = performance.now();
  const result = await client.query(query);
  console.log(`  ${what}: ${(rows ?? result.rowCount ?? 0).toLocaleString('en')} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
};

try {
  const seeded = await client.query(`SELECT 1 FROM messaging_accounts WHERE inbound_key = 'history-seed'`);
  if (seeded.rowCount) throw new Error('This database already holds the seeded history (account "History"); seed an empty one.');
  console.log(`Seeding ${MESSAGES.toLocaleString('en')} messages in ${CONVERSATIONS.toLocaleString('en')} conversations of ${CONTACTS.toLocaleString('en')} customers…`);
  await client.query('BEGIN');
  await client.query('SET LOCAL synchronous_commit = off');
  await seedSetup();
  await seedConversations();
  for (let from = 1; from <= MESSAGES; from += CHUNK) await seedMessages(from, Math.min(MESSAGES, from + CHUNK - 1));
  await client.query('COMMIT');
  // A history built over months has been vacuumed by autovacuum long since: hint bits set and the
  // visibility map filled, so the benchmark's copies do not pay for that on their first reads.
  await step('vacuum and analyze', 'VACUUM ANALYZE');
  console.log(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
} catch (err) {
  await client.query('ROLLBACK').catch(() => {});
  throw err;
} finally {
  await client.end();
}

/** The account, number, workstream, queues and agents the history belongs to (none of them can sign in). */
async function seedSetup() {
  await step('account and number', `
    WITH a AS (INSERT INTO messaging_accounts (name, provider, account_sid, auth_token_encrypted, inbound_key)
               VALUES ('History', 'simulator', 'AC' || repeat('5e', 16), 'not-a-secret', 'history-seed') RETURNING id)
    INSERT INTO numbers (account_id, name, number) SELECT id, 'History line', '+16505550100' FROM a`);
  await step('queues', `INSERT INTO queues (name) SELECT 'History queue ' || g FROM generate_series(1, ${QUEUES}) g`);
  await step('agents', `
    INSERT INTO users (email, name, role, password_hash, capacity)
    SELECT 'history.agent' || g || '@history.local', 'History agent ' || g, 'agent', 'seeded: no password', 100 FROM generate_series(1, ${AGENTS}) g`);
  await step('queue members', `
    INSERT INTO queue_members (queue_id, user_id)
    SELECT q.id, u.id FROM (SELECT id, row_number() OVER (ORDER BY email) AS n FROM users WHERE email LIKE 'history.agent%@history.local') u
    JOIN (SELECT id, row_number() OVER (ORDER BY name) AS n FROM queues WHERE name LIKE 'History queue %') q ON q.n = 1 + u.n % ${QUEUES}`);
  await step('workstream', `
    INSERT INTO workstreams (name, channel, mode, fallback_queue_id, number_id)
    SELECT 'History', 'whatsapp', 'pick', (SELECT id FROM queues WHERE name = 'History queue 1'), id FROM numbers WHERE number = '+16505550100'`);
  await client.query(`
    CREATE TEMP TABLE seed_agents ON COMMIT DROP AS SELECT row_number() OVER (ORDER BY email) AS n, id FROM users WHERE email LIKE 'history.agent%@history.local';
    CREATE TEMP TABLE seed_queues ON COMMIT DROP AS SELECT row_number() OVER (ORDER BY name) AS n, id FROM queues WHERE name LIKE 'History queue %';
    CREATE TEMP TABLE seed_where ON COMMIT DROP AS
      SELECT n.id AS number_id, w.id AS workstream_id FROM numbers n JOIN workstreams w ON w.number_id = n.id WHERE n.number = '+16505550100'`);
}

/**
 * Customers and their conversations: conversation n belongs to customer 1 + (n-1) % customers,
 * started evenly over the past year, closed ten minutes after its last message (the newest LIVE
 * wait for their customer instead). Message j goes
 * to conversation 1 + (j-1) % conversations as its ((j-1) ÷ conversations)th message, two minutes apart.
 */
async function seedConversations() {
  await client.query(`
    CREATE TEMP TABLE seed_contacts ON COMMIT DROP AS
      SELECT g AS n, gen_random_uuid() AS id, '1650' || lpad(g::text, 8, '0') AS wa_id FROM generate_series(1, ${CONTACTS}) g;
    CREATE TEMP TABLE seed_conversations (n int PRIMARY KEY, id uuid, contact_id uuid, agent_id uuid, queue_id uuid, started timestamptz, messages int) ON COMMIT DROP;
    INSERT INTO seed_conversations
      SELECT g, gen_random_uuid(), k.id, a.id, q.id,
             now() - interval '1 hour' - interval '365 days' * (${CONVERSATIONS} - g) / ${CONVERSATIONS},
             ${Math.floor(MESSAGES / CONVERSATIONS)} + (g <= ${MESSAGES % CONVERSATIONS})::int
      FROM generate_series(1, ${CONVERSATIONS}) g
      JOIN seed_contacts k ON k.n = 1 + (g - 1) % ${CONTACTS}
      JOIN seed_agents a ON a.n = 1 + (g - 1) % ${AGENTS}
      JOIN seed_queues q ON q.n = 1 + (g - 1) % ${QUEUES};
    ANALYZE seed_conversations`);
  await step('customers', `
    INSERT INTO contacts (id, phone, profile_name, created_at)
    SELECT id, '+' || wa_id, 'History customer ' || n, now() - interval '400 days' FROM seed_contacts;
    INSERT INTO contact_addresses (channel, address, contact_id, created_at)
    SELECT 'whatsapp', wa_id, id, now() - interval '400 days' FROM seed_contacts`);
  const last = (column: string) => `c.started + make_interval(mins => 2 * (c.messages - 1))${column}`;
  await step('conversations', `
    INSERT INTO conversations (id, contact_id, number_id, channel, workstream_id, queue_id, state, last_agent_id, assigned_agent_id, created_at, queued_at,
                               last_inbound_at, last_message_at, wrap_up_at, closed_at)
    SELECT c.id, c.contact_id, w.number_id, 'whatsapp', w.workstream_id, c.queue_id, 'closed', c.agent_id, NULL, c.started, c.started,
           c.started + make_interval(mins => 2 * ((c.messages - 1) - (c.messages - 1) % 2)), ${last('')},
           ${last(" + interval '5 minutes'")}, ${last(" + interval '10 minutes'")}
    FROM seed_conversations c CROSS JOIN seed_where w WHERE c.n <= ${CLOSED}
    UNION ALL
    SELECT c.id, c.contact_id, w.number_id, 'whatsapp', w.workstream_id, c.queue_id, 'waiting', c.agent_id, c.agent_id, c.started, c.started,
           c.started + make_interval(mins => 2 * ((c.messages - 1) - (c.messages - 1) % 2)), ${last('')}, NULL, NULL
    FROM seed_conversations c CROSS JOIN seed_where w WHERE c.n > ${CLOSED}`);
  await step('timeline', `
    INSERT INTO conversation_events (conversation_id, type, actor_user_id, data, created_at)
    SELECT c.id, e.type, e.actor, e.data, e.at FROM seed_conversations c CROSS JOIN seed_where w CROSS JOIN LATERAL (VALUES
      ('created', NULL::uuid, jsonb_build_object('numberId', w.number_id, 'workstreamId', w.workstream_id), c.started),
      ('queued', NULL::uuid, jsonb_build_object('queueId', c.queue_id), c.started),
      ('assigned', c.agent_id, jsonb_build_object('agentId', c.agent_id, 'how', 'picked', 'from', 'open', 'to', 'active'), c.started + interval '1 minute'),
      ('state-changed', c.agent_id, jsonb_build_object('from', 'active', 'to', CASE WHEN c.n > ${CLOSED} THEN 'waiting' ELSE 'wrap-up' END,
        'action', CASE WHEN c.n > ${CLOSED} THEN 'wait' ELSE 'end' END), ${last(" + interval '5 minutes'")}),
      ('state-changed', c.agent_id, jsonb_build_object('from', 'wrap-up', 'to', 'closed', 'action', 'close'), ${last(" + interval '10 minutes'")})
    ) AS e(type, actor, data, at)
    WHERE c.n <= ${CLOSED} OR e.data->>'to' <> 'closed'
    ORDER BY c.n`);
}

/** Messages from..to: the customer writes on even turns, the agent answers on odd ones (read, with a done outbox entry). */
async function seedMessages(from: number, to: number) {
  await step(`messages ${from.toLocaleString('en')}–${to.toLocaleString('en')}`, `
    WITH m AS (
      INSERT INTO messages (conversation_id, direction, kind, body, status, provider_sid, sender_user_id, created_at, status_at)
      SELECT c.id, CASE WHEN x.turn % 2 = 0 THEN 'inbound' ELSE 'outbound' END, 'text',
             CASE WHEN x.turn % 2 = 0
               THEN (ARRAY['Hello, where is my parcel?', 'It has not arrived yet.', 'Order ' || (100000 + x.j % 900000), 'Can I change the address?', 'Thank you!'])[1 + x.turn / 2 % 5]
               ELSE (ARRAY['Hello! Let me check that for you.', 'It is on its way and arrives tomorrow.', 'Done: the address is changed.', 'Anything else I can help with?', 'Have a nice day!'])[1 + x.turn / 2 % 5] END,
             CASE WHEN x.turn % 2 = 0 THEN 'received' ELSE 'read' END,
             'SM' || md5('history message ' || x.j),
             CASE WHEN x.turn % 2 = 1 THEN c.agent_id END,
             c.started + make_interval(mins => 2 * x.turn), c.started + make_interval(mins => 2 * x.turn + 1)
      FROM generate_series(${from}, ${to}) g
      CROSS JOIN LATERAL (SELECT g AS j, 1 + (g - 1) % ${CONVERSATIONS} AS n, (g - 1) / ${CONVERSATIONS} AS turn) x
      JOIN seed_conversations c ON c.n = x.n
      ORDER BY x.j
      RETURNING id, conversation_id, direction, created_at)
    INSERT INTO outbox (message_id, number_id, conversation_id, state, attempts, next_attempt_at, attempt_started_at, created_at)
    SELECT m.id, w.number_id, m.conversation_id, 'done', 1, m.created_at, m.created_at, m.created_at FROM m CROSS JOIN seed_where w WHERE m.direction = 'outbound'`, to - from + 1);
}
