/**
 * Inbound throughput: signed Twilio webhooks through the full path (signature, de-duplication,
 * contact, conversation, routing, event) against a separate server process, on the embedded
 * database and on PostgreSQL, compared with a trivial route on the same server.
 *
 *   npm run build && npx tsx bench/inbound.ts [--seconds 15] [--connections 50]
 *   SEEDED_DATABASE=switchboard_history npx tsx bench/inbound.ts   (PostgreSQL only, on a copy of a seeded database)
 *   BENCH_DATABASES=postgres npx tsx bench/inbound.ts              (PostgreSQL only, fresh data)
 *   BENCH_DATABASES=embedded npx tsx bench/inbound.ts              (the embedded database only)
 */
import autocannon from 'autocannon';
import WebSocket from 'ws';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import twilio from 'twilio';
import { startServer, type ServerProcess } from './lib/server-process.js';
import { postgresCpuSeconds, processCpuSeconds } from './lib/cpu.js';
import { api } from './lib/api.js';
import { machineLine } from './lib/benchmarks-md.js';
import { ensureAdmin, recreateDatabase, SEEDED_DATABASE, seededSummary, writeBenchSection } from './lib/seeded.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '15' }, connections: { type: 'string', default: '50' }, probe: { type: 'string', default: '8' } } });
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const PROBE_SECONDS = Number(values.probe);
const AUTH_TOKEN = 'c3'.repeat(16);
const ACCOUNT_SID = 'AC' + 'd4'.repeat(16);
const BUSINESS = '+14155238886';

/** An account, its number, a queue and a workstream: the inbound URL to hit. */
async function configure(server: ServerProcess): Promise<{ inboundUrl: string; token: string }> {
  const { token } = await api(server, null, 'POST', '/api/v1/auth/login', { email: 'bench@switchboard.local', password: 'bench password 123' });
  const account = await api(server, token, 'POST', '/api/v1/messaging-accounts', { name: 'Bench', channel: 'whatsapp', provider: 'twilio', accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  const number = await api(server, token, 'POST', `/api/v1/messaging-accounts/${account.id}/numbers`, { name: 'Bench', number: BUSINESS });
  const queue = await api(server, token, 'POST', '/api/v1/queues', { name: 'Bench queue' });
  await api(server, token, 'POST', '/api/v1/workstreams', { name: 'Bench', channel: 'whatsapp', mode: 'pick', fallbackQueueId: queue.id, whatsapp: { numberId: number.id } });
  return { inboundUrl: account.inboundUrl as string, token: token as string };
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

function signedWebhook(inboundUrl: string, params: Record<string, string>) {
  return {
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, inboundUrl, params) },
    body: new URLSearchParams(params).toString(),
  };
}

/** Webhooks acknowledged but not yet stored, as the server reports them in /metrics. */
async function inboxWaiting(server: ServerProcess): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const waiting = /switchboard_inbox_depth\{state="waiting"\} (\d+)/.exec(text);
  return waiting ? Number(waiting[1]) : 0;
}

/** Seconds until every acknowledged webhook is stored (the inbox is empty). */
async function drainSeconds(server: ServerProcess): Promise<number> {
  const started = performance.now();
  while ((await inboxWaiting(server)) > 0) await new Promise((r) => setTimeout(r, 50));
  return (performance.now() - started) / 1000;
}

/**
 * The probes' client: node:http with kept-alive connections. It shares the server's two cores, and
 * fetch cost about as much CPU per request as the server itself, which starved the server.
 */
const probeAgent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function post(url: string, request: { headers: Record<string, string>; body: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent: probeAgent, headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(request.body);
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Customers writing during the load; the probes add new ones at the share the load had. */
const CUSTOMERS = 2000;
let newCustomers = 0;

/**
 * The probes' traffic is the load's: the same share of first messages (a new conversation, routed)
 * to replies (an existing conversation), so that "80 % of the sustained rate" means the same work.
 */
function probeCustomer(i: number, newShare: number): number {
  const isNew = Math.floor((i + 1) * newShare) > Math.floor(i * newShare);
  return isNew ? 100_000 + newCustomers++ : i % CUSTOMERS;
}

/**
 * Webhook to agent: webhooks at a steady rate while an admin's WebSocket listens; the time from
 * just before each POST to its message.created event (the same clock, in this process), and to
 * the webhook's answer.
 */
async function webhookToAgent(server: ServerProcess, token: string, inboundUrl: string, rate: number, seconds: number, newShare: number) {
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}/api/v1/realtime?token=${token}`);
  await new Promise((resolve, reject) => socket.once('message', resolve).once('error', reject));
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const answered: number[] = [];
  socket.on('message', (raw) => {
    const event = JSON.parse(String(raw));
    const tag = event.type === 'message.created' ? /probe-(\d+)/.exec(event.data?.message?.body ?? '') : null;
    const started = tag ? sentAt.get(tag[1]) : undefined;
    if (started !== undefined) latencies.push(performance.now() - started);
  });
  const total = Math.max(1, Math.round(rate * seconds));
  const posts: Promise<unknown>[] = [];
  const begin = performance.now();
  for (let i = 0; i < total; i++) {
    const due = begin + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const params = { ...webhookParams(probeCustomer(i, newShare)), Body: `probe-${i}` };
    const request = signedWebhook(inboundUrl, params);
    const started = performance.now();
    sentAt.set(String(i), started);
    posts.push(post(inboundUrl, request).then(() => answered.push(performance.now() - started)));
  }
  await Promise.all(posts);
  const until = performance.now() + 30_000;
  while (latencies.length < total && performance.now() < until) await new Promise((r) => setTimeout(r, 50));
  socket.close();
  const sorted = [...latencies].sort((a, b) => a - b);
  const answers = answered.sort((a, b) => a - b);
  return { rate, sent: total, received: latencies.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), answeredP50: percentile(answers, 50), answeredP99: percentile(answers, 99) };
}

async function measure(label: string, env: Record<string, string>) {
  // The first start creates the database (PGlite's initdb runs in this process and leaves its memory
  // mapped); the figures that matter day to day are those of a restarted server.
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-bench-'));
  const first = await startServer({ ...env, DATA_DIR: dataDir });
  const { inboundUrl } = await configure(first);
  const firstStartMb = first.rssMb();
  await first.stop();
  // The same port: the inbound URL (and so each webhook's signature) names it.
  const server = await startServer({ ...env, DATA_DIR: dataDir, PORT: new URL(first.url).port });
  try {
    const { token } = await api(server, null, 'POST', '/api/v1/auth/login', { email: 'bench@switchboard.local', password: 'bench password 123' });
    await new Promise((r) => setTimeout(r, 2000));
    const idleMb = server.rssMb();
    const trivial = await run({ url: `${server.url}/livez` });
    let customer = 0;
    let peakMb = idleMb;
    const sampler = setInterval(() => (peakMb = Math.max(peakMb, server.rssMb())), 500);
    const cpuBefore = { server: processCpuSeconds(server.pid), postgres: postgresCpuSeconds() };
    const inbound = await run({
      url: inboundUrl,
      method: 'POST',
      requests: [{ setupRequest: (request) => ({ ...request, ...signedWebhook(inboundUrl, webhookParams(customer++ % CUSTOMERS)) }) }],
    });
    const backlog = await inboxWaiting(server);
    const drain = await drainSeconds(server);
    clearInterval(sampler);
    const stored = inbound.total - inbound.errors;
    // CPU per stored webhook hardly depends on what else the shared machine runs (the rates do).
    const cpuMs = {
      server: ((processCpuSeconds(server.pid) - cpuBefore.server) * 1000) / stored,
      postgres: env.DATABASE_URL ? ((postgresCpuSeconds() - cpuBefore.postgres) * 1000) / stored : null,
    };
    const sustained = stored / (SECONDS + drain);
    const newShare = Math.min(1, CUSTOMERS / stored);
    const agent = [];
    for (const share of [0.1, 0.8]) agent.push({ share, ...(await webhookToAgent(server, token, inboundUrl, Math.max(1, sustained * share), PROBE_SECONDS, newShare)) });
    return { label, trivial, inbound, backlog, drain, sustained, newShare, cpuMs, agent, firstStartMb, idleMb, loadedMb: peakMb };
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
  await recreateDatabase(admin, 'switchboard_bench');
  await admin.end();
  const url = 'postgres://postgres@127.0.0.1:5432/switchboard_bench';
  if (SEEDED_DATABASE) await ensureAdmin(url, 'bench@switchboard.local', 'bench password 123');
  return url;
}

const results = SEEDED_DATABASE || process.env.BENCH_DATABASES === 'postgres' ? [] : [await measure('Embedded (PGlite)', {})];
const databaseUrl = process.env.BENCH_DATABASES === 'embedded' ? null : await postgresDatabase();
if (SEEDED_DATABASE && !databaseUrl) throw new Error('SEEDED_DATABASE needs the PostgreSQL server at 127.0.0.1:5432');
const seeded = databaseUrl && SEEDED_DATABASE ? await seededSummary(databaseUrl) : null;
if (databaseUrl) results.push(await measure('PostgreSQL 15', { DATABASE_URL: databaseUrl }));

const ms = (n: number) => `${n.toFixed(0)}`;
const rows = results.map(
  (r) =>
    `| ${r.label} | ${r.inbound.rps.toFixed(0)} | ${r.inbound.p50} | ${r.inbound.p99} | ${r.inbound.errors} / ${r.inbound.total} | ${r.backlog} | ${r.drain.toFixed(1)} s | **${r.sustained.toFixed(0)}** | ${r.cpuMs.server.toFixed(2)} / ${r.cpuMs.postgres === null ? 'in process' : r.cpuMs.postgres.toFixed(2)} | ${r.trivial.rps.toFixed(0)} | ${((100 * r.inbound.rps) / r.trivial.rps).toFixed(0)} % | ${r.firstStartMb.toFixed(0)} / ${r.idleMb.toFixed(0)} / ${r.loadedMb.toFixed(0)} |`,
);
const agentRows = results.flatMap((r) =>
  r.agent.map((a) => `| ${r.label} | ${Math.round(a.share * 100)} % (${a.rate.toFixed(0)}/s), ${Math.round(r.newShare * 100)} % new | ${a.received} / ${a.sent} | ${ms(a.p50)} | ${ms(a.p95)} | ${ms(a.p99)} | ${ms(a.answeredP50)} / ${ms(a.answeredP99)} |`),
);
const body = `## Inbound webhooks

${machineLine()}
Command: \`npm run build && npx tsx bench/inbound.ts --seconds ${SECONDS} --connections ${CONNECTIONS} --probe ${PROBE_SECONDS}\` (autocannon in the same machine as the server: the two share the 2 cores).
Each request is a distinct, correctly signed WhatsApp webhook from one of 2,000 customers. The server checks the signature and
writes the webhook to the inbox (durable, de-duplicated by MessageSid), then stores it through the full path (contact,
conversation, classification and queue, message, behaviors, realtime event) in the request while fewer than INBOUND_INLINE_LIMIT (200) are waiting
or in flight (requests that arrive together share a transaction), or leaves it to the inbox workers (up to 20 per transaction). "Acknowledged" is what Twilio sees; "stored, sustained" is the full path:
webhooks stored ÷ (load time + time for the inbox to drain after the load stopped). A load above the sustained rate grows the
inbox (it is acknowledged, safe and processed in order per customer) until the load drops. The load generator runs on the
same 2 cores (it signs every request: about one core at full load), and this VM's neighbours make the rates vary by ±30 %
between runs; the CPU each stored webhook cost the Switchboard process and the PostgreSQL server (from /proc, over the load
and the drain) varies much less and is the figure to compare changes by.
Memory: "first start" includes creating the database (on PGlite, initdb runs inside the process and its memory stays
mapped until the next start); "idle" is a restarted server 2 s after start. The embedded mode runs PostgreSQL in the Node
process; its shared buffers are set to 32 MB instead of PostgreSQL's 128 MB (src/server/db/database.ts), which measured
about 120 MB less resident memory with the same data and queries, since PGlite's files also sit in the OS page cache.

| database | acknowledged/s | p50 ms | p99 ms | non-2xx / total | inbox after load | drained in | stored/s, sustained | CPU ms per stored webhook: Switchboard / PostgreSQL | trivial route req/s | acknowledged ÷ trivial | server RSS MB: first start / idle / peak under load |
|---|---|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

Webhook to agent: webhooks at a steady share of the sustained rate for ${PROBE_SECONDS} s, with the load's share of first
messages (each opens and routes a new conversation; the others reply in one); time from just before the POST to the
\`message.created\` event in an admin's WebSocket (same clock), and to the webhook's answer. Target: p99 under 100 ms at 80 %.

| database | rate, first messages | events / webhooks | p50 ms | p95 ms | p99 ms | answered p50 / p99 ms |
|---|---|---|---|---|---|---|
${agentRows.join('\n')}
`;
await writeBenchSection('inbound', body, seeded);
console.log(body);
