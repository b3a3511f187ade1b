/**
 * Agents online: many concurrent agent WebSockets on one Switchboard process (PostgreSQL), with the
 * memory each costs and the time one customer message takes to reach every one of them.
 *
 *   npm run build && npx tsx bench/websockets.ts [--agents 100] [--tabs 20]
 *   SEEDED_DATABASE=switchboard_history npx tsx bench/websockets.ts   (on a copy of a seeded database)
 */
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import twilio from 'twilio';
import WebSocket from 'ws';
import { startServer, type ServerProcess } from './lib/server-process.js';
import { api } from './lib/api.js';
import { machineLine } from './lib/benchmarks-md.js';
import { ensureAdmin, recreateDatabase, SEEDED_DATABASE, seededSummary, writeBenchSection } from './lib/seeded.js';

const { values } = parseArgs({ options: { agents: { type: 'string', default: '100' }, tabs: { type: 'string', default: '20' }, messages: { type: 'string', default: '20' } } });
const AGENTS = Number(values.agents);
const TABS = Number(values.tabs);
const MESSAGES = Number(values.messages);
const AUTH_TOKEN = 'a7'.repeat(16);
const ACCOUNT_SID = 'AC' + 'b8'.repeat(16);
const BUSINESS = '+14155238886';
const ADMIN = { email: 'bench@switchboard.local', password: 'bench password 123' };

async function postgresDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' });
  await admin.connect();
  await recreateDatabase(admin, 'switchboard_bench_ws');
  await admin.end();
  const url = 'postgres://postgres@127.0.0.1:5432/switchboard_bench_ws';
  if (SEEDED_DATABASE) await ensureAdmin(url, ADMIN.email, ADMIN.password);
  return url;
}

/** Agents in one queue (each signed in once), and the inbound URL of a number routed to it. */
async function configure(server: ServerProcess): Promise<{ inboundUrl: string; tokens: string[] }> {
  const { token } = await api(server, null, 'POST', '/api/v1/auth/login', ADMIN);
  const agents: { id: string; email: string }[] = [];
  for (let i = 0; i < AGENTS; i++) {
    const email = `agent${i}@bench.local`;
    const agent = await api(server, token, 'POST', '/api/v1/users', { email, password: 'bench agent password', name: `Agent ${i}`, role: 'agent' });
    agents.push({ id: agent.id, email });
  }
  const tokens: string[] = [];
  for (const agent of agents) tokens.push((await api(server, null, 'POST', '/api/v1/auth/login', { email: agent.email, password: 'bench agent password' })).token);
  const account = await api(server, token, 'POST', '/api/v1/messaging-accounts', { name: 'Bench', channel: 'whatsapp', provider: 'twilio', accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  const number = await api(server, token, 'POST', `/api/v1/messaging-accounts/${account.id}/numbers`, { name: 'Bench', number: BUSINESS });
  const queue = await api(server, token, 'POST', '/api/v1/queues', { name: 'Bench queue', agentIds: agents.map((a) => a.id) });
  await api(server, token, 'POST', '/api/v1/workstreams', { name: 'Bench', channel: 'whatsapp', mode: 'pick', fallbackQueueId: queue.id, whatsapp: { numberId: number.id } });
  return { inboundUrl: account.inboundUrl, tokens };
}

function open(server: ServerProcess, token: string, onMessage: (type: string, body: string | undefined) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/api/v1/realtime?token=${token}`);
    socket.on('message', (raw) => {
      const event = JSON.parse(String(raw));
      if (event.type === 'hello') resolve(socket);
      else onMessage(event.type, event.data?.message?.body);
    });
    socket.once('error', reject);
  });
}

async function customerWrites(inboundUrl: string, body: string): Promise<void> {
  const sid = 'SM' + randomBytes(16).toString('hex');
  const phone = `+1555${String(1000000 + Math.floor(Math.random() * 8999999)).slice(-7)}`;
  const params = { MessageSid: sid, SmsMessageSid: sid, AccountSid: ACCOUNT_SID, From: `whatsapp:${phone}`, To: `whatsapp:${BUSINESS}`, Body: body, NumMedia: '0', WaId: phone.slice(1), ProfileName: 'Bench' };
  const response = await fetch(inboundUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, inboundUrl, params) },
    body: new URLSearchParams(params).toString(),
  });
  if (!response.ok) throw new Error(`webhook answered ${response.status}`);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const databaseUrl = await postgresDatabase();
const seeded = SEEDED_DATABASE ? await seededSummary(databaseUrl) : null;
const server = await startServer({ DATABASE_URL: databaseUrl });
try {
  const { inboundUrl, tokens } = await configure(server);
  await new Promise((r) => setTimeout(r, 2000));
  const beforeMb = server.rssMb();
  // Per message: when it was posted, and when each socket heard it.
  const postedAt = new Map<string, number>();
  const heard = new Map<string, number[]>();
  const onMessage = (type: string, body: string | undefined) => {
    if (type !== 'message.created' || !body || !postedAt.has(body)) return;
    heard.get(body)!.push(performance.now() - postedAt.get(body)!);
  };
  const connectStarted = performance.now();
  const sockets: WebSocket[] = [];
  for (let tab = 0; tab < TABS; tab++) sockets.push(...(await Promise.all(tokens.map((token) => open(server, token, onMessage)))));
  const connectSeconds = (performance.now() - connectStarted) / 1000;
  await new Promise((r) => setTimeout(r, 3000));
  const connectedMb = server.rssMb();

  const everyone: number[] = [];
  const lastSocket: number[] = [];
  for (let i = 0; i < MESSAGES; i++) {
    const body = `fan-out ${i}`;
    heard.set(body, []);
    postedAt.set(body, performance.now());
    await customerWrites(inboundUrl, body);
    const until = performance.now() + 10_000;
    while (heard.get(body)!.length < sockets.length && performance.now() < until) await new Promise((r) => setTimeout(r, 5));
    const times = heard.get(body)!.sort((a, b) => a - b);
    everyone.push(...times);
    lastSocket.push(times.at(-1) ?? Number.NaN);
    await new Promise((r) => setTimeout(r, 200));
  }
  const received = everyone.length;
  for (const socket of sockets) socket.close();
  const sorted = [...everyone].sort((a, b) => a - b);
  const lastSorted = [...lastSocket].sort((a, b) => a - b);
  const perConnectionKb = ((connectedMb - beforeMb) * 1024) / sockets.length;

  const body = `## Agents online: concurrent WebSockets

${machineLine()}
Command: \`npm run build && npx tsx bench/websockets.ts --agents ${AGENTS} --tabs ${TABS} --messages ${MESSAGES}\` (PostgreSQL; the sockets are opened by this script on the same machine).

${AGENTS} agents of one queue, each signed in and connected from ${TABS} tabs: ${sockets.length} WebSockets on one Switchboard process
(opened in ${connectSeconds.toFixed(1)} s). Then ${MESSAGES} customer messages, one at a time, each heard by every socket (the queue's
agents all receive its \`message.created\`).

| WebSockets | server RSS before / with them open | memory per connection | events delivered | to one socket p50 / p99 | to the last of ${sockets.length} sockets, median / worst |
|---|---|---|---|---|---|
| ${sockets.length} | ${beforeMb.toFixed(0)} / ${connectedMb.toFixed(0)} MB | ${perConnectionKb.toFixed(0)} KiB | ${received} / ${sockets.length * MESSAGES} | ${percentile(sorted, 50).toFixed(0)} / ${percentile(sorted, 99).toFixed(0)} ms | ${percentile(lastSorted, 50).toFixed(0)} / ${lastSorted.at(-1)!.toFixed(0)} ms |

Times run from just before the webhook's POST to the event's arrival in this script, so they include storing the message.
`;
  await writeBenchSection('websockets', body, seeded);
  console.log(body);
} finally {
  await server.stop();
}
