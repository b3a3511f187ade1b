import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { dbKinds, POSTGRES_ADMIN_URL, urlFor, type DbKind } from '../helpers/databases.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { startChildServer, type ChildServer } from '../helpers/server-child.js';
import { ACCOUNT_SID, AUTH_TOKEN, BUSINESS_NUMBER } from '../helpers/scenario.js';
import { projectPath } from '../../src/server/project-path.js';
import { agentAt, apiOf, customers, faults, floors, liveHeap, sleep, slope, statusCallbacks, type Api } from './traffic.js';

/** How long the mixed traffic runs on each database (CI: the default). */
const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 80);
const ADMIN = { email: 'soak@test.local', password: 'soak test password' };
const PHONES = Array.from({ length: 120 }, (_, i) => `+1555${String(7000000 + i)}`);
const ALL_STATES = 'open,active,waiting,wrap-up,closed';

/** The server's error and fatal log lines (pino levels 50 and 60), the last 20. */
function errorLines(log: string): string[] {
  return log.split('\n').filter((line) => /"level":(50|60)/.test(line)).slice(-20);
}

async function adminSql(query: string) {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(query);
  } finally {
    await admin.end();
  }
}

describe.each(dbKinds)(`soak: ${SOAK_SECONDS} s of mixed traffic with Twilio faults (%s)`, (kind: DbKind) => {
  const dbName = `switchboard_soak_${process.pid}`;
  let fake: FakeTwilio;
  let server: ChildServer;
  let dataDir: string;
  let api: Api;

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    dataDir = await mkdtemp(join(tmpdir(), 'switchboard-soak-'));
    if (kind === 'postgres') await adminSql(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).then(() => adminSql(`CREATE DATABASE ${dbName}`));
    server = await startChildServer({
      DATA_DIR: dataDir,
      DATABASE_URL: kind === 'postgres' ? urlFor(dbName) : '',
      TWILIO_API_BASE_URL: fake.baseUrl,
      SWITCHBOARD_SECRET: 'soak-test',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      SIMULATOR: 'false',
    }, undefined, { nodeArgs: ['--expose-gc', '--require', projectPath('test/soak/heap-probe.cjs')] });
    api = apiOf(server.url);
  }, 120_000);
  afterAll(async () => {
    if (server && server.child.exitCode !== null) console.error(server.stderr());
    await server?.stop();
    await fake?.close();
    if (kind === 'postgres') await adminSql(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('stores every webhook once, sends every reply once, applies every status, and keeps memory flat', async () => {
    const token = (await api('POST', '/api/v1/auth/login', null, ADMIN)).body.token as string;
    const account = (await api('POST', '/api/v1/messaging-accounts', token, { name: 'Soak', channel: 'whatsapp', provider: 'twilio', accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN })).body;
    const number = (await api('POST', `/api/v1/messaging-accounts/${account.id}/numbers`, token, { name: 'Line', number: BUSINESS_NUMBER })).body;
    const agents: string[] = [];
    for (let i = 0; i < 3; i++) {
      const email = `soak.agent${i}@test.local`;
      const user = await api('POST', '/api/v1/users', token, { email, name: `Agent ${i}`, password: 'soak agent password', role: 'agent', capacity: 100 });
      agents.push(user.body.id);
    }
    const queue = (await api('POST', '/api/v1/queues', token, { name: 'Soak', agentIds: agents })).body;
    const workstream = await api('POST', '/api/v1/workstreams', token, { name: 'Soak', channel: 'whatsapp', mode: 'pick', fallbackQueueId: queue.id, capacityPerConversation: 1, whatsapp: { numberId: number.id } });
    expect(workstream.status).toBe(201);
    const agentTokens = await Promise.all(agents.map(async (_, i) => (await api('POST', '/api/v1/auth/login', null, { email: `soak.agent${i}@test.local`, password: 'soak agent password' })).body.token as string));

    // The mixed traffic, with Twilio misbehaving about one send in seven.
    const replies = new Map<string, string>();
    const inbound = customers(account.inboundUrl, PHONES);
    const callbacks = statusCallbacks(fake);
    const twilioFaults = faults(fake);
    const started = Date.now();
    const until = started + SOAK_SECONDS * 1000;
    const running = () => Date.now() < until;
    await Promise.all([
      ...Array.from({ length: 3 }, () => inbound.run(running)),
      ...agentTokens.map((agentToken) => agentAt(api, agentToken, queue.id, replies)(running)),
      callbacks.run(running),
    ]);
    twilioFaults.stop();
    expect(server.child.exitCode).toBeNull();

    // Twilio retries anything not acknowledged; then everything settles.
    await inbound.redeliverUnacknowledged();
    const metric = async (name: string) => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      return [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)`, 'gm'))].reduce((sum, m) => sum + Number(m[1]), 0);
    };
    const settleUntil = Date.now() + 90_000;
    while ((await metric('switchboard_outbox_depth')) + (await metric('switchboard_inbox_depth')) > 0) {
      if (Date.now() > settleUntil) throw new Error('the outbox or inbox did not drain');
      await callbacks.walkNew();
      await sleep(500);
    }
    await callbacks.walkNew();
    const refused = callbacks.answers.filter((status) => status !== 200);
    expect(refused, `status callbacks refused; the server's last errors:\n${errorLines(server.stderr()).join('\n')}`).toEqual([]);

    // What the server holds, read back through the API, customer by customer.
    const messages: { direction: string; body: string; twilioSid: string | null; status: string; id: string }[] = [];
    for (const phone of PHONES) {
      const list = await api<{ items: { id: string; customer: { phone: string } }[] }>('GET', `/api/v1/conversations?state=${ALL_STATES}&q=${encodeURIComponent(phone)}&limit=500`, token);
      for (const c of list.body.items.filter((x) => x.customer.phone === phone)) messages.push(...(await api('GET', `/api/v1/conversations/${c.id}/messages`, token)).body.items);
    }
    const inboundBodies = messages.filter((m) => m.direction === 'inbound').map((m) => m.body);
    const sentBodies = [...inbound.posted.values()].map((p) => p.params.Body);
    expect(inbound.posted.size, 'traffic flowed').toBeGreaterThan(SOAK_SECONDS);
    expect(inboundBodies.length, 'each webhook stored once').toBe(inbound.posted.size);
    expect(new Set(inboundBodies)).toEqual(new Set(sentBodies));

    expect(replies.size, 'agents answered').toBeGreaterThan(SOAK_SECONDS / 10);
    const outbound = messages.filter((m) => m.direction === 'outbound');
    for (const [id, body] of replies) expect(outbound.find((m) => m.id === id)?.body, `reply ${id}`).toBe(body);
    // Each message reached Twilio exactly once (its id rides on the status callback URL), and ended read.
    const atTwilio = fake.messages.map((m) => new URL(m.statusCallback!).searchParams.get('m'));
    const twice = fake.messages.filter((m, i) => atTwilio.indexOf(atTwilio[i]) !== i || atTwilio.lastIndexOf(atTwilio[i]) !== i);
    expect(twice.map((m) => `${m.sid} ${m.statusCallback} ${JSON.stringify(m.body)} ${m.date_created}`), 'nothing sent twice').toEqual([]);
    for (const m of outbound) {
      expect(atTwilio, `message ${m.id} reached Twilio`).toContain(m.id);
      expect(m.status, `message ${m.id}`).toBe('read');
      expect(m.twilioSid).toMatch(/^SM/);
    }

    // Memory: after a warm-up third of the run, the floor of the live heap (after full GCs, the lowest of
    // every 5 samples, 10 s) stays flat.
    const heap = liveHeap(server.stderr()).filter((h) => h.at >= started + (until - started) / 3 && h.at <= until);
    const floor = floors(heap, 5);
    const perMinute = slope(floor.map((h) => ({ x: h.at / 60_000, y: h.mb })));
    const first = floor[0].mb;
    const last = floor[floor.length - 1].mb;
    const summary = `live heap ${first.toFixed(1)} → ${last.toFixed(1)} MB, ${perMinute.toFixed(2)} MB/min`;
    console.log(`soak ${kind}: ${inbound.posted.size} webhooks, ${replies.size} replies, ${fake.messages.length} sends at Twilio; ${summary}`);
    expect(floor.length).toBeGreaterThanOrEqual(4);
    expect(perMinute, summary).toBeLessThan(3);
    expect(last, summary).toBeLessThan(first * 1.25 + 10);
  }, (SOAK_SECONDS + 240) * 1000);
});
