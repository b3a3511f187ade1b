/**
 * Outbound dispatch: queued messages handed to the built-in simulator (Twilio's REST API shape)
 * per second across many senders, and whether any sender ever went over its per-second cap.
 *
 *   npm run build && npx tsx bench/outbound.ts [--senders 25] [--per-sender 200] [--cap 80]
 */
import pg from 'pg';
import { parseArgs } from 'node:util';
import { startServer, type ServerProcess } from './lib/server-process.js';
import { api } from './lib/api.js';
import { machineLine, writeSection } from './lib/benchmarks-md.js';

const { values } = parseArgs({ options: { senders: { type: 'string', default: '25' }, 'per-sender': { type: 'string', default: '200' }, cap: { type: 'string', default: '80' } } });
const SENDERS = Number(values.senders);
const PER_SENDER = Number(values['per-sender']);
const CAP = Number(values.cap);
const DB = 'switchboard_bench_outbound';

const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${DB}`);
await admin.end();
const databaseUrl = `postgres://postgres@127.0.0.1:5432/${DB}`;

const server = await startServer({ DATABASE_URL: databaseUrl });
const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
try {
  const { token } = await api(server, null, 'POST', '/api/v1/auth/login', { email: 'bench@switchboard.local', password: 'bench password 123' });
  // Callbacks would compete with dispatch for the same two cores: send them late, out of the measured window.
  await api(server, null, 'PUT', '/simulator/api/settings', { sentAfterMs: 600_000, deliveredAfterMs: 600_000 });
  const twilio = await api(server, null, 'POST', '/simulator/api/accounts', { friendlyName: 'Outbound bench' });
  const account = await api(server, token, 'POST', '/api/v1/messaging-accounts', { name: 'Bench', channel: 'whatsapp', provider: 'simulator', ...twilio });
  const numbers: string[] = [];
  for (let i = 0; i < SENDERS; i++) {
    const phone = `+1415555${String(100 + i).padStart(4, '0')}`;
    const number = await api(server, token, 'POST', `/api/v1/messaging-accounts/${account.id}/numbers`, { name: `Sender ${i}`, number: phone, maxPerSecond: CAP });
    await api(server, null, 'PUT', `/simulator/api/numbers/${encodeURIComponent(phone)}`, { accountSid: twilio.accountSid, smsUrl: account.inboundUrl });
    numbers.push(number.id);
  }
  // One conversation per sender with a customer who wrote a minute ago, then every message queued in one commit.
  await db.query('BEGIN');
  for (const [i, numberId] of numbers.entries()) {
    const contact = await db.query(`INSERT INTO contacts (wa_id, phone, name) VALUES ($1, $2, $3) RETURNING id`, [`1555700${String(i).padStart(4, '0')}`, `+1555700${String(i).padStart(4, '0')}`, `Customer ${i}`]);
    const conversation = await db.query(
      `INSERT INTO conversations (contact_id, number_id, state, last_inbound_at) VALUES ($1, $2, 'active', now() - interval '1 minute') RETURNING id`,
      [contact.rows[0].id, numberId],
    );
    await db.query(
      `WITH m AS (INSERT INTO messages (conversation_id, direction, kind, body, status)
         SELECT $1, 'outbound', 'text', 'Bench message ' || g, 'queued' FROM generate_series(1, $2) g RETURNING id)
       INSERT INTO outbox (message_id, number_id) SELECT id, $3 FROM m`,
      [conversation.rows[0].id, PER_SENDER, numberId],
    );
  }
  const started = Date.now();
  await db.query('COMMIT');
  const total = SENDERS * PER_SENDER;
  for (;;) {
    const left = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE state <> 'done'`);
    if (left.rows[0].n === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = (Date.now() - started) / 1000;
  const accepted = await db.query(`SELECT count(*)::int AS n FROM sim_messages WHERE direction = 'outbound-api'`);
  const sentTwice = await db.query(`SELECT count(*)::int AS n FROM (SELECT body, business_number FROM sim_messages WHERE direction = 'outbound-api' GROUP BY 1, 2 HAVING count(*) > 1) d`);
  // The most messages any sender had accepted within any one-second stretch (a sliding window).
  const worst = await db.query(`
    SELECT max(n)::int AS n FROM (
      SELECT count(*) OVER (PARTITION BY business_number ORDER BY date_created RANGE BETWEEN interval '999 milliseconds' PRECEDING AND CURRENT ROW) AS n
      FROM sim_messages WHERE direction = 'outbound-api') w`);
  const rate = total / seconds;
  const body = `## Outbound dispatch

${machineLine()}
Command: \`npm run build && npx tsx bench/outbound.ts --senders ${SENDERS} --per-sender ${PER_SENDER} --cap ${CAP}\` (PostgreSQL; one server process with its outbox worker and the built-in simulator answering as Twilio, in the same process).
${total} messages queued in one commit across ${SENDERS} WhatsApp senders, each capped at ${CAP}/s; timed from the commit to an empty outbox. The simulator validates each request, stores the message and answers with Twilio's resource, so the figure includes its cost.

| messages | senders | seconds | messages/s | ceiling from the caps | accepted by the simulator | sent twice | most in any 1 s for one sender (cap ${CAP}) |
|---|---|---|---|---|---|---|---|
| ${total} | ${SENDERS} | ${seconds.toFixed(1)} | ${rate.toFixed(0)} | ${SENDERS * CAP} | ${accepted.rows[0].n} | ${sentTwice.rows[0].n} | ${worst.rows[0].n} |
`;
  await writeSection('outbound', body);
  console.log(body);
} finally {
  await db.end();
  await server.stop();
}
