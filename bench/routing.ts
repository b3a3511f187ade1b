/**
 * The assignment decision under load: 1,000 agents, 50 queues, 10,000 waiting conversations (and
 * 2,000 active ones holding capacity). Times assignConversation (claim the conversation, load the
 * queue's agents with their load and skills, rank, write the offer against the chosen agent's row version)
 * on the embedded database and on PostgreSQL when it answers. Writes the Routing section of BENCHMARKS.md.
 *
 *   npx tsx bench/routing.ts            (npm run bench:routing)
 *   SEEDED_DATABASE=switchboard_history npx tsx bench/routing.ts   (PostgreSQL only, on a copy of a seeded database)
 *   BENCH_DATABASES=postgres npx tsx bench/routing.ts            (PostgreSQL only, fresh data)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { loadConfig } from '../src/server/config.js';
import { createContext } from '../src/server/bootstrap.js';
import { openPostgres, wrapPglite, type Database } from '../src/server/db/database.js';
import { assignConversation } from '../src/server/routing/assign-conversation.js';
import { selectAgent } from '../src/server/routing/select-agent.js';
import { loadAgentSnapshots } from '../src/server/routing/store.js';
import { machineLine } from './lib/benchmarks-md.js';
import { recreateDatabase, SEEDED_DATABASE, seededSummary, writeBenchSection } from './lib/seeded.js';

const AGENTS = 1000;
const QUEUES = 50;
const WAITING = 10_000;
const ACTIVE = 2000;
const DECISIONS = Number(process.env.DECISIONS ?? 1000);
const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

type Result = { kind: string; median: number; p95: number; p99: number; mean: number; offered: number; selectionMedian: number; cpuPerDecision: number };

async function seed(database: Database): Promise<void> {
  await database.runScript(`
    INSERT INTO users (email, name, role, password_hash, capacity, presence)
      SELECT 'agent' || g || '@bench.local', 'Agent ' || g, 'agent', 'x', 100, 'available' FROM generate_series(1, ${AGENTS}) g;
    INSERT INTO queues (name, priority, assignment_method)
      SELECT 'Bench queue ' || g, g % 5, (ARRAY['highest-capacity', 'round-robin', 'least-active'])[1 + g % 3] FROM generate_series(1, ${QUEUES}) g;
    -- Every agent serves two queues: 40 agents per queue.
    INSERT INTO queue_members (queue_id, user_id)
      SELECT q.id, u.id FROM
        (SELECT id, row_number() OVER (ORDER BY email) AS n FROM users WHERE email LIKE '%@bench.local') u
        JOIN (SELECT id, row_number() OVER (ORDER BY name) - 1 AS n FROM queues WHERE name LIKE 'Bench queue %') q
        ON q.n = u.n % ${QUEUES} OR q.n = (u.n + ${QUEUES / 2}) % ${QUEUES};
    INSERT INTO user_skills (user_id, name, proficiency)
      SELECT u.id, s.name, 1 + abs(hashtext(u.id::text || s.name)) % 10
      FROM users u CROSS JOIN (VALUES ('billing'), ('korean'), ('returns')) s(name) WHERE u.email LIKE '%@bench.local';
    INSERT INTO messaging_accounts (name, provider, account_sid, auth_token_encrypted, inbound_key)
      VALUES ('Bench', 'simulator', 'AC00000000000000000000000000000000', 'x', 'bench-key');
    INSERT INTO numbers (account_id, name, number) SELECT id, 'Bench line', '+16502530001' FROM messaging_accounts WHERE inbound_key = 'bench-key';
    INSERT INTO workstreams (name, channel, mode, fallback_queue_id, number_id, skill_matching, offer_timeout_seconds)
      SELECT 'Bench', 'whatsapp', 'push', (SELECT id FROM queues WHERE name = 'Bench queue 1'), n.id, 'closest', 3600 FROM numbers n WHERE n.number = '+16502530001';
    INSERT INTO contacts (phone) SELECT '+8210' || lpad(g::text, 8, '0') FROM generate_series(1, ${WAITING + ACTIVE}) g;
  `);
  // Waiting work spread over the queues, FIFO by the customer's last message; active work holding capacity.
  await database.runScript(`
    WITH q AS (SELECT id, row_number() OVER (ORDER BY name) - 1 AS n FROM queues WHERE name LIKE 'Bench queue %'),
         k AS (SELECT id, row_number() OVER (ORDER BY phone) AS n FROM contacts WHERE phone LIKE '+8210%'),
         w AS (SELECT id, number_id FROM workstreams WHERE name = 'Bench')
    INSERT INTO conversations (contact_id, number_id, channel, workstream_id, queue_id, state, required_skills, priority, last_inbound_at, queued_at)
      SELECT k.id, w.number_id, 'whatsapp', w.id, q.id, 'open', '[{"name":"billing","proficiency":5},{"name":"korean","proficiency":3}]'::jsonb,
             k.n % 3, now() - make_interval(secs => k.n), now() - make_interval(secs => k.n)
      FROM k JOIN q ON q.n = k.n % ${QUEUES} CROSS JOIN w WHERE k.n <= ${WAITING};
    WITH u AS (SELECT id, row_number() OVER (ORDER BY email) AS n FROM users WHERE email LIKE '%@bench.local'),
         k AS (SELECT id, row_number() OVER (ORDER BY phone) AS n FROM contacts WHERE phone LIKE '+8210%'),
         w AS (SELECT id, number_id, fallback_queue_id FROM workstreams WHERE name = 'Bench')
    INSERT INTO conversations (contact_id, number_id, channel, workstream_id, queue_id, state, assigned_agent_id, last_inbound_at)
      SELECT k.id, w.number_id, 'whatsapp', w.id, w.fallback_queue_id, 'active', u.id, now()
      FROM k JOIN u ON u.n = 1 + (k.n % ${AGENTS}) CROSS JOIN w WHERE k.n > ${WAITING};
    -- A history of offers, as a running desk has: the active conversations' accepted ones and, two
    -- hours ago, an expired one for every other waiting conversation (too old to count as declined).
    INSERT INTO offers (conversation_id, agent_id, state, created_at, expires_at, decided_at)
      SELECT id, assigned_agent_id, 'accepted', now() - interval '1 hour', now(), now() - interval '59 minutes' FROM conversations WHERE state = 'active';
    WITH u AS (SELECT id, row_number() OVER (ORDER BY email) AS n FROM users WHERE email LIKE '%@bench.local'),
         c AS (SELECT id, row_number() OVER (ORDER BY queued_at) AS n FROM conversations WHERE state = 'open')
    INSERT INTO offers (conversation_id, agent_id, state, created_at, expires_at, decided_at)
      SELECT c.id, u.id, 'expired', now() - interval '3 hours', now() - interval '2 hours', now() - interval '2 hours'
      FROM c JOIN u ON u.n = 1 + (c.n * 7 % ${AGENTS}) WHERE c.n % 2 = 0;
    -- and a live one to every tenth agent, which a decision leaves alone (an offer is pending).
    WITH u AS (SELECT id, row_number() OVER (ORDER BY email) AS n FROM users WHERE email LIKE '%@bench.local'),
         c AS (SELECT id, row_number() OVER (ORDER BY queued_at DESC) AS n FROM conversations WHERE state = 'open')
    INSERT INTO offers (conversation_id, agent_id, created_at, expires_at)
      SELECT c.id, u.id, now(), now() + interval '1 hour' FROM c JOIN u ON u.n = c.n * 10 WHERE c.n <= ${AGENTS / 10};
    ANALYZE;
  `);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function measure(kind: string, database: Database): Promise<Result> {
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-bench-routing-'));
  const ctx = await createContext(loadConfig({ DATA_DIR: dataDir, SWITCHBOARD_SECRET: 'bench', LOG_LEVEL: 'silent' }), { database });
  const started = performance.now();
  await seed(database);
  console.log(`${kind}: seeded ${AGENTS} agents, ${QUEUES} queues, ${WAITING} waiting and ${ACTIVE} active conversations in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const waiting = await sql<{ id: string }>`SELECT id FROM conversations c WHERE state = 'open' AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.conversation_id = c.id AND o.state = 'pending') ORDER BY random() LIMIT ${DECISIONS + 50}`.execute(ctx.db);
  const ids = waiting.rows.map((r) => r.id);
  for (const id of ids.slice(0, 50)) await assignConversation(ctx, id, { trigger: 'warm-up' });

  const times: number[] = [];
  let offered = 0;
  const cpuBefore = process.cpuUsage();
  for (const id of ids.slice(50)) {
    const t0 = performance.now();
    const outcome = await assignConversation(ctx, id, { trigger: 'bench' });
    times.push(performance.now() - t0);
    if (outcome.outcome === 'offered') offered++;
  }
  const cpu = process.cpuUsage(cpuBefore);
  // The pure ranking alone, over one queue's 40 agents with their load.
  const queue = await sql<{ id: string }>`SELECT id FROM queues WHERE name = 'Bench queue 7'`.execute(ctx.db);
  const agents = await loadAgentSnapshots(ctx.db, { queueId: queue.rows[0].id });
  const request = { units: 10, profile: null, skills: [{ name: 'billing', proficiency: 5 }], skillMatching: 'closest' as const, allowedPresences: ['available', 'busy'], method: 'round-robin' as const, affinityAgentId: null, declinedAgentIds: [] };
  const selection: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t0 = performance.now();
    selectAgent(agents, request, new Date());
    selection.push(performance.now() - t0);
  }
  await rm(dataDir, { recursive: true, force: true });
  const sorted = [...times].sort((a, b) => a - b);
  return {
    kind,
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: times.reduce((a, b) => a + b, 0) / times.length,
    offered,
    selectionMedian: percentile([...selection].sort((a, b) => a - b), 50),
    cpuPerDecision: (cpu.user + cpu.system) / 1000 / times.length,
  };
}

async function postgresDatabase(): Promise<{ database: Database; seeded: string | null; drop(): Promise<void> } | null> {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  const name = `switchboard_bench_routing_${process.pid}`;
  await recreateDatabase(admin, name);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString());
  return {
    database,
    seeded: SEEDED_DATABASE ? await seededSummary(url.toString()) : null,
    async drop() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

const ms = (n: number) => `${n.toFixed(2)} ms`;

const results: Result[] = [];
if (!SEEDED_DATABASE && process.env.BENCH_DATABASES !== 'postgres') {
  const pglite = wrapPglite(await PGlite.create());
  results.push(await measure('PGlite (embedded)', pglite));
  await pglite.close();
}
const postgres = await postgresDatabase();
if (SEEDED_DATABASE && !postgres) throw new Error(`SEEDED_DATABASE needs the PostgreSQL server at ${POSTGRES_ADMIN_URL}`);
if (postgres) {
  results.push(await measure('PostgreSQL 127.0.0.1', postgres.database));
  await postgres.drop();
}

const verdict = results
  .map((r) => `${r.kind}: ${r.median < 5 && r.p99 < 20 ? 'target met' : `target not met (median ${ms(r.median)}, p99 ${ms(r.p99)})`}`)
  .join('; ');
const rows = results.map((r) => `| ${r.kind} | ${ms(r.median)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.mean)} | ${r.offered} / ${DECISIONS} | ${ms(r.cpuPerDecision)} | ${(r.selectionMedian * 1000).toFixed(0)} µs |`);
const body = `## Routing: the assignment decision

${machineLine()} Load average during the run: ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min; the machine is shared, so figures under load overstate the cost).
Command: \`npx tsx bench/routing.ts\` (\`npm run bench:routing\`).

Data: ${AGENTS} agents (capacity 100, three skills each, every agent in two queues: 40 per queue), ${QUEUES} queues
(the three assignment methods), ${WAITING.toLocaleString('en')} waiting conversations needing two skills (closest match),
${ACTIVE.toLocaleString('en')} active conversations holding capacity. One decision = \`assignConversation\`: claim the
conversation (\`FOR UPDATE SKIP LOCKED\`), load its workstream, queue and the queue's agents with their load, skills
and profiles, rank them, write the offer and its timeline event against the best agent's row version (the update
locks the row; a changed version sends the decision to lock, re-read and re-check), commit. ${DECISIONS} decisions on random waiting conversations, one after the other, after 50 warm-up ones.

Target: median under 5 ms, p99 under 20 ms. This run: ${verdict}.

| database | median | p95 | p99 | mean | offers made | CPU of this process per decision | ranking alone (median) |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

"Ranking alone" is the pure \`selectAgent\` over one queue's 40 agents; the rest of a decision is database work and round trips.
"CPU of this process per decision" hardly depends on how busy the shared machine is: with PGlite the database runs in this
process, so it is the whole decision's cost; with PostgreSQL it is the client side only (the server's work is not in it).
A decision is 4 round trips on PostgreSQL (begin; claim with workstream, queue, decliners and the queue's agents with
their load and row versions, in one statement; offer + turn + timeline event in one statement; commit). The offer's
statement updates the chosen agent's row only if its version (\`xmin\`) is the one the claim read: that update takes the
row lock (waiting for a transaction that holds it), and everyone who adds work to an agent changes their row, so an
unchanged version proves the load the claim read is still the load. When it changed, the decision falls back to locking
the agent, re-reading and re-checking them (two more round trips; \`test/integration/routing-decision-races.test.ts\`
shows the fallback). Its commit does not wait for the disk (\`synchronous_commit = off\` for that transaction only: a
lost decision leaves the conversation Open and the sweep decides again). Its statements are prepared once per
connection (\`src/server/db/statement-cache.ts\` on PostgreSQL, \`src/server/db/pglite-prepared.ts\` on PGlite), so the
claim is not planned again on every decision. The offers table holds a history (accepted, expired and 100 live offers)
so the planner's statistics look like a running desk's. The previous decision's after-commit work (the offer's realtime
view and NOTIFY) runs on the same cores as the decisions.
`;
console.log(body);
await writeBenchSection('routing', body, postgres?.seeded ?? null);
process.exit(0);
