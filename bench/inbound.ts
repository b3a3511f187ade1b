/**
 * Inbound throughput: signed Twilio webhooks through the full path (signature, de-duplication,
 * contact, conversation, routing, event) against a separate server process, on the embedded
 * database and on PostgreSQL, compared with a trivial route on the same server.
 *
 *   npm run build && npx tsx bench/inbound.ts [--seconds 15] [--connections 50]
 */
import autocannon from 'autocannon';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import twilio from 'twilio';
import { startServer, type ServerProcess } from './lib/server-process.js';
import { api } from './lib/api.js';
import { machineLine, writeSection } from './lib/benchmarks-md.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '15' }, connections: { type: 'string', default: '50' } } });
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const AUTH_TOKEN = 'c3'.repeat(16);
const ACCOUNT_SID = 'AC' + 'd4'.repeat(16);
const BUSINESS = '+14155238886';

/** An account, its number, a queue and a workstream: the inbound URL to hit. */
async function configure(server: ServerProcess): Promise<string> {
  const { token } = await api(server, null, 'POST', '/api/v1/auth/login', { email: 'bench@switchboard.local', password: 'bench password 123' });
  const account = await api(server, token, 'POST', '/api/v1/messaging-accounts', { name: 'Bench', channel: 'whatsapp', provider: 'twilio', accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  const number = await api(server, token, 'POST', `/api/v1/messaging-accounts/${account.id}/numbers`, { name: 'Bench', number: BUSINESS });
  const queue = await api(server, token, 'POST', '/api/v1/queues', { name: 'Bench queue' });
  await api(server, token, 'POST', '/api/v1/workstreams', { name: 'Bench', channel: 'whatsapp', mode: 'pick', fallbackQueueId: queue.id, whatsapp: { numberId: number.id } });
  return account.inboundUrl;
}

function webhookParams(customer: number): Record<string, string> {
  const sid = 'SM' + randomBytes(16).toString('hex');
  const phone = `+1555${String(1000000 + customer).slice(-7)}`;
  return {
    SmsMessageSid: sid, NumMedia: '0', ProfileName: `Customer ${customer}`, MessageType: 'text', SmsSid: sid, WaId: phone.slice(1),
    SmsStatus: 'received', Body: 'Where is my parcel?', To: `whatsapp:${BUSINESS}`, NumSegments: '1', ReferralNumMedia: '0',
    MessageSid: sid, AccountSid: ACCOUNT_SID, From: `whatsapp:${phone}`, ApiVersion: '2010-04-01',
  };
}

type Figures = { rps: number; p50: number; p99: number; errors: number; total: number };

function run(opts: autocannon.Options): Promise<Figures> {
  return new Promise((resolve, reject) => {
    autocannon({ duration: SECONDS, connections: CONNECTIONS, ...opts }, (err, result) => {
      if (err) return reject(err);
      resolve({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.non2xx + result.errors, total: result.requests.total });
    });
  });
}

async function measure(label: string, env: Record<string, string>) {
  const server = await startServer(env);
  try {
    const inboundUrl = await configure(server);
    const idleMb = server.rssMb();
    const trivial = await run({ url: `${server.url}/livez` });
    let customer = 0;
    const inbound = await run({
      url: inboundUrl,
      method: 'POST',
      requests: [
        {
          setupRequest: (request) => {
            const params = webhookParams(customer++ % 2000);
            return {
              ...request,
              headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, inboundUrl, params) },
              body: new URLSearchParams(params).toString(),
            };
          },
        },
      ],
    });
    const loadedMb = server.rssMb();
    return { label, trivial, inbound, idleMb, loadedMb };
  } finally {
    await server.stop();
  }
}

async function postgresDatabase(): Promise<string | null> {
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  await admin.query('DROP DATABASE IF EXISTS switchboard_bench WITH (FORCE)');
  await admin.query('CREATE DATABASE switchboard_bench');
  await admin.end();
  return 'postgres://postgres@127.0.0.1:5432/switchboard_bench';
}

const results = [await measure('Embedded (PGlite)', {})];
const databaseUrl = await postgresDatabase();
if (databaseUrl) results.push(await measure('PostgreSQL 15', { DATABASE_URL: databaseUrl }));

const rows = results.map(
  (r) =>
    `| ${r.label} | ${r.inbound.rps.toFixed(0)} | ${r.inbound.p50} | ${r.inbound.p99} | ${r.inbound.errors} / ${r.inbound.total} | ${r.trivial.rps.toFixed(0)} | ${((100 * r.inbound.rps) / r.trivial.rps).toFixed(0)} % | ${r.idleMb.toFixed(0)} / ${r.loadedMb.toFixed(0)} |`,
);
const body = `## Inbound webhooks

${machineLine()}
Command: \`npm run build && npx tsx bench/inbound.ts --seconds ${SECONDS} --connections ${CONNECTIONS}\` (autocannon in the same machine as the server: the two share the 2 cores).
Each request is a distinct, correctly signed WhatsApp webhook from one of 2,000 customers; the server checks the signature, de-duplicates, upserts the contact, opens or appends to the conversation, stores the message and publishes the realtime event, all in one transaction.

| database | webhooks/s | p50 ms | p99 ms | non-2xx / total | trivial route req/s | share of trivial | server RSS idle / loaded MB |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
await writeSection('inbound', body);
console.log(body);
