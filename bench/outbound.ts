/**
 * Outbound dispatch: queued messages handed to Twilio's REST API per second across many senders,
 * and whether any sender ever went over its per-second cap. Twice: against the built-in simulator
 * (in the server's process, sharing its CPU), and against the contract mock in this process
 * (Switchboard's own cost).
 *
 *   npm run build && npx tsx bench/outbound.ts [--senders 25] [--per-sender 200] [--customers 10] [--cap 80]
 *   SEEDED_DATABASE=switchboard_history npx tsx bench/outbound.ts   (on copies of a seeded database)
 */
import pg from 'pg';
import { parseArgs } from 'node:util';
import { startServer, type ServerProcess } from './lib/server-process.js';
import { api } from './lib/api.js';
import { machineLine } from './lib/benchmarks-md.js';
import { ensureAdmin, recreateDatabase, SEEDED_DATABASE, seededSummary, writeBenchSection } from './lib/seeded.js';
import { postgresCpuSeconds, processCpuSeconds } from './lib/cpu.js';
import { startFakeTwilio } from '../test/helpers/fake-twilio.js';

const { values } = parseArgs({ options: { senders: { type: 'string', default: '25' }, 'per-sender': { type: 'string', default: '200' }, cap: { type: 'string', default: '80' }, customers: { type: 'string', default: '10' }, processes: { type: 'string', default: '2' } } });
const PROCESSES = Number(values.processes);
const SENDERS = Number(values.senders);
const PER_SENDER = Number(values['per-sender']);
const CAP = Number(values.cap);
/** Customers each sender writes to: a customer's messages go one at a time (each after Twilio's answer to the one before). */
const CUSTOMERS = Number(values.customers);
const PER_CUSTOMER = Math.ceil(PER_SENDER / CUSTOMERS);
const TOTAL = SENDERS * CUSTOMERS * PER_CUSTOMER;
const DB = 'switchboard_bench_outbound';
const MOCK_SID = 'AC' + 'b'.repeat(32);
const MOCK_TOKEN = 'c'.repeat(32);

type Sent = { business: string; body: string; at: number };
type Result = { seconds: number; accepted: number; sentTwice: number; worstSecond: number; serverCpuMs: number; postgresCpuMs: number };

const ADMIN = { email: 'bench@switchboard.local', password: 'bench password 123' };
let seeded: string | null = null;

async function freshDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' });
  await admin.connect();
  await recreateDatabase(admin, DB);
  await admin.end();
  const url = `postgres://postgres@127.0.0.1:5432/${DB}`;
  if (SEEDED_DATABASE) {
    await ensureAdmin(url, ADMIN.email, ADMIN.password);
    seeded ??= await seededSummary(url);
  }
  return url;
}

/** The most messages one sender had accepted within any one-second stretch. */
function worstSecond(sent: Sent[]): number {
  const bySender = new Map<string, number[]>();
  for (const s of sent) bySender.set(s.business, [...(bySender.get(s.business) ?? []), s.at]);
  let worst = 0;
  for (const times of bySender.values()) {
    times.sort((a, b) => a - b);
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i] - times[j] >= 1000) j++;
      worst = Math.max(worst, i - j + 1);
    }
  }
  return worst;
}

/** Queues TOTAL messages in one commit, then times the outbox until it is empty. */
async function measure(servers: ServerProcess[], db: pg.Client, numberIds: string[], sent: () => Promise<Sent[]>): Promise<Result> {
  // CUSTOMERS conversations per sender with customers who wrote a minute ago, then every message queued in one commit.
  await db.query('BEGIN');
  for (const [i, numberId] of numberIds.entries()) {
    for (let c = 0; c < CUSTOMERS; c++) {
      const phone = `+1555${String(i).padStart(3, '0')}${String(c).padStart(4, '0')}`;
      const contact = await db.query(`INSERT INTO contacts (phone, name) VALUES ($1, $2) RETURNING id`, [phone, `Customer ${i}.${c}`]);
      const conversation = await db.query(
        `INSERT INTO conversations (contact_id, number_id, channel, state, last_inbound_at) VALUES ($1, $2, 'whatsapp', 'active', now() - interval '1 minute') RETURNING id`,
        [contact.rows[0].id, numberId],
      );
      await db.query(
        `WITH m AS (INSERT INTO messages (conversation_id, direction, kind, body, status)
           SELECT $1, 'outbound', 'text', 'Bench message ' || $4 || '.' || g, 'queued' FROM generate_series(1, $2) g RETURNING id)
         INSERT INTO outbox (message_id, number_id, conversation_id) SELECT id, $3, $1 FROM m`,
        [conversation.rows[0].id, PER_CUSTOMER, numberId, c],
      );
    }
  }
  const serversCpu = () => servers.reduce((sum, s) => sum + processCpuSeconds(s.pid), 0);
  const cpuBefore = { server: serversCpu(), postgres: postgresCpuSeconds() };
  const started = Date.now();
  await db.query('COMMIT');
  for (;;) {
    const left = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE state <> 'done'`);
    if (left.rows[0].n === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = (Date.now() - started) / 1000;
  const serverCpuMs = ((serversCpu() - cpuBefore.server) * 1000) / TOTAL;
  const postgresCpuMs = ((postgresCpuSeconds() - cpuBefore.postgres) * 1000) / TOTAL;
  const all = await sent();
  const distinct = new Set(all.map((s) => `${s.business} ${s.body}`));
  return { seconds, accepted: all.length, sentTwice: all.length - distinct.size, worstSecond: worstSecond(all), serverCpuMs, postgresCpuMs };
}

/** Runs `run` against `count` server processes sharing one fresh PostgreSQL database. */
async function withServers(count: number, env: Record<string, string>, run: (servers: ServerProcess[], token: string, db: pg.Client) => Promise<Result>): Promise<Result> {
  const databaseUrl = await freshDatabase();
  const servers = [await startServer({ DATABASE_URL: databaseUrl, ...env })];
  // The others start once the first has migrated the database.
  for (let i = 1; i < count; i++) servers.push(await startServer({ DATABASE_URL: databaseUrl, ...env }));
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { token } = await api(servers[0], null, 'POST', '/api/v1/auth/login', ADMIN);
    return await run(servers, token, db);
  } finally {
    await db.end();
    await Promise.all(servers.map((s) => s.stop()));
  }
}

const senderPhone = (i: number) => `+1415555${String(100 + i).padStart(4, '0')}`;

async function againstSimulator(): Promise<Result> {
  return withServers(1, {}, async ([server], token, db) => {
    // Callbacks would compete with dispatch for the same two cores: send them late, out of the measured window.
    await api(server, token, 'PUT', '/simulator/api/settings', { sentAfterMs: 600_000, deliveredAfterMs: 600_000 });
    const twilio = await api(server, token, 'POST', '/simulator/api/accounts', { friendlyName: 'Outbound bench' });
    const account = await api(server, token, 'POST', '/api/v1/messaging-accounts', { name: 'Bench', channel: 'whatsapp', provider: 'simulator', ...twilio });
    const numberIds: string[] = [];
    for (let i = 0; i < SENDERS; i++) {
      const number = await api(server, token, 'POST', `/api/v1/messaging-accounts/${account.id}/numbers`, { name: `Sender ${i}`, number: senderPhone(i), maxPerSecond: CAP });
      await api(server, token, 'PUT', `/simulator/api/numbers/${encodeURIComponent(senderPhone(i))}`, { accountSid: twilio.accountSid, smsUrl: account.inboundUrl });
      numberIds.push(number.id);
    }
    return measure([server], db, numberIds, async () => {
      const rows = await db.query<{ business_number: string; body: string; at: number }>(
        `SELECT business_number, body, (extract(epoch FROM date_created) * 1000)::float8 AS at FROM sim_messages WHERE direction = 'outbound-api'`,
      );
      return rows.rows.map((r) => ({ business: r.business_number, body: r.body, at: Number(r.at) }));
    });
  });
}

async function againstContractMock(processes: number): Promise<Result> {
  const fake = await startFakeTwilio(MOCK_SID, MOCK_TOKEN);
  try {
    return await withServers(processes, { TWILIO_API_BASE_URL: fake.baseUrl }, async (servers, token, db) => {
      const server = servers[0];
      const account = await api(server, token, 'POST', '/api/v1/messaging-accounts', { name: 'Bench', channel: 'whatsapp', provider: 'twilio', accountSid: MOCK_SID, authToken: MOCK_TOKEN });
      const numberIds: string[] = [];
      for (let i = 0; i < SENDERS; i++) {
        numberIds.push((await api(server, token, 'POST', `/api/v1/messaging-accounts/${account.id}/numbers`, { name: `Sender ${i}`, number: senderPhone(i), maxPerSecond: CAP })).id);
      }
      return measure(servers, db, numberIds, async () =>
        fake.requests
          .filter((r) => r.method === 'POST' && r.path.endsWith('/Messages.json'))
          .map((r) => ({ business: r.form.get('From') ?? '', body: r.form.get('Body') ?? '', at: r.receivedAt })),
      );
    });
  } finally {
    await fake.close();
  }
}

const row = (name: string, r: Result) =>
  `| ${name} | ${TOTAL} | ${SENDERS} | ${r.seconds.toFixed(1)} | ${(TOTAL / r.seconds).toFixed(0)} | ${SENDERS * CAP} | ${r.accepted} | ${r.sentTwice} | ${r.worstSecond} | ${r.serverCpuMs.toFixed(2)} / ${r.postgresCpuMs.toFixed(2)} |`;

const simulator = await againstSimulator();
const mock = await againstContractMock(1);
const scaledOut = PROCESSES > 1 ? await againstContractMock(PROCESSES) : null;
const body = `## Outbound dispatch

${machineLine()}
Command: \`npm run build && npx tsx bench/outbound.ts --senders ${SENDERS} --per-sender ${PER_SENDER} --customers ${CUSTOMERS} --cap ${CAP} --processes ${PROCESSES}\` (PostgreSQL; server processes with their outbox workers).
${TOTAL} messages queued in one commit across ${SENDERS} WhatsApp senders, each capped at ${CAP}/s and writing to ${CUSTOMERS} customers
(${PER_CUSTOMER} messages each; a customer's next message goes once Twilio has answered the one before, so they stay in order);
timed from the commit to an empty outbox.
Two runs: against the built-in simulator, which runs in the server's process and validates each request, applies WhatsApp's
rules (the 24-hour window), stores the message and answers with Twilio's resource, so its cost is in the figure; and against the
contract mock (\`test/helpers/fake-twilio.ts\`, in the benchmark's process: it keeps messages in memory and answers at once),
which leaves Switchboard's own cost. "CPU per message" is from /proc over the run: the server process, and all PostgreSQL processes.

| Twilio API | messages | senders | seconds | messages/s | ceiling from the caps | accepted | sent twice | most in any 1 s for one sender (cap ${CAP}) | CPU ms per message: server / PostgreSQL |
|---|---|---|---|---|---|---|---|---|---|
${row('built-in simulator (same process)', simulator)}
${row('contract mock (another process)', mock)}
${scaledOut ? row(`contract mock, ${PROCESSES} Switchboard processes`, scaledOut) : ''}
`;
await writeBenchSection('outbound', body, seeded);
console.log(body);
