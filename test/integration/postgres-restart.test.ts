import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import twilio from 'twilio';
import WebSocket from 'ws';
import { dbKinds } from '../helpers/databases.js';
import { eventually } from '../helpers/eventually.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { startChildServer, type ChildServer } from '../helpers/server-child.js';
import { privatePostgresAvailable, startPrivatePostgres, type PrivatePostgres } from '../helpers/private-postgres.js';
import { ACCOUNT_SID, AUTH_TOKEN, BUSINESS_NUMBER, randomMessageSid } from '../helpers/scenario.js';

// A private cluster, so stopping it disturbs no other test; in CI the binaries must be there.
const onPostgres = dbKinds.includes('postgres') && privatePostgresAvailable('postgres-restart.test.ts') ? describe : describe.skip;
const ADMIN = { email: 'restart@test.local', password: 'restart test password' };
const REPLIES = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

onPostgres('PostgreSQL restarting under inbound load (a private cluster)', () => {
  let cluster: PrivatePostgres;
  let fake: FakeTwilio;
  let server: ChildServer;
  let sql: pg.Client | null = null;
  let dataDir: string;

  const api = async (method: string, path: string, token: string | null, body?: unknown) => {
    const res = await fetch(server.url + path, { method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  };
  const health = async (path: '/healthz' | '/readyz') => (await fetch(server.url + path)).status;
  const query = async <T extends pg.QueryResultRow>(text: string) => {
    sql ??= await connected(cluster.url('switchboard'));
    return (await sql.query<T>(text)).rows;
  };

  beforeAll(async () => {
    cluster = await startPrivatePostgres();
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    dataDir = await mkdtemp(join(tmpdir(), 'switchboard-restart-'));
    server = await startChildServer({
      DATABASE_URL: cluster.url('switchboard'),
      DATA_DIR: dataDir,
      TWILIO_API_BASE_URL: fake.baseUrl,
      SWITCHBOARD_SECRET: 'restart-test',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      SIMULATOR: 'false',
      OUTBOX_CLAIM_SECONDS: '3',
    });
  }, 90_000);
  afterAll(async () => {
    if (server && server.child.exitCode !== null) console.error(server.stderr());
    await server?.stop();
    await sql?.end().catch(() => {});
    await fake?.close();
    await cluster?.destroy();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 5xx while PostgreSQL is down, recovers by itself, stores each acknowledged webhook once and resumes the outbox', async () => {
    const pid = server.child.pid;
    const token = (await api('POST', '/api/v1/auth/login', null, ADMIN)).body.token as string;
    const account = await api('POST', '/api/v1/messaging-accounts', token, { name: 'Restart', channel: 'whatsapp', provider: 'twilio', accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    await api('POST', `/api/v1/messaging-accounts/${account.body.id}/numbers`, token, { name: 'Line', number: BUSINESS_NUMBER });
    const inboundUrl = account.body.inboundUrl as string;
    const webhook = (i: number) => {
      const sid = randomMessageSid();
      const from = `+1555${String(3000000 + (i % 400))}`;
      return { MessageSid: sid, SmsMessageSid: sid, SmsSid: sid, AccountSid: ACCOUNT_SID, From: `whatsapp:${from}`, To: `whatsapp:${BUSINESS_NUMBER}`, Body: `load ${i}`, NumMedia: '0', WaId: from.slice(1), ProfileName: `C${i}`, ApiVersion: '2010-04-01' };
    };
    const post = async (params: Record<string, string>) => {
      const started = Date.now();
      const status = await fetch(inboundUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, inboundUrl, params) },
        body: new URLSearchParams(params).toString(),
      }).then((r) => r.status, () => 0);
      return { status, ms: Date.now() - started };
    };

    // 20 customers for an admin to answer once the load runs.
    for (let i = 0; i < REPLIES; i++) expect((await post(webhook(i))).status).toBe(200);
    await eventually(async () => (await api('GET', `/api/v1/conversations?state=open&limit=${REPLIES}`, token)).body.items.length === REPLIES, 'the first customers are stored', 20_000);
    const open = (await api('GET', `/api/v1/conversations?state=open&limit=${REPLIES}`, token)).body.items as { id: string }[];

    // Inbound load from four senders, through the outage and after it.
    const outcomes = new Map<string, { params: Record<string, string>; status: number; ms: number }>();
    let sent = REPLIES;
    let loading = true;
    const senders = Array.from({ length: 4 }, async () => {
      while (loading) {
        const params = webhook(sent++);
        const outcome = await post(params);
        outcomes.set(params.MessageSid, { params, ...outcome });
        // Twilio does not hammer a failing endpoint; keep the number of refused webhooks modest.
        if (outcome.status !== 200) await sleep(50);
      }
    });
    const acknowledged = () => [...outcomes.values()].filter((o) => o.status === 200).length;
    await eventually(async () => acknowledged() >= 40, 'the load is flowing', 20_000);

    // Replies at a slow Twilio: they are in flight when PostgreSQL goes away, their answers unrecorded.
    fake.sendDelayMs = 1500;
    for (const [i, c] of open.entries()) expect((await api('POST', `/api/v1/conversations/${c.id}/messages`, token, { body: `reply ${i}` })).status).toBe(201);
    await eventually(async () => fake.requests.some((r) => r.method === 'POST' && r.path.endsWith('/Messages.json')), 'the outbox is mid-send', 20_000);
    // A browser connected through the outage: notifications sent meanwhile are lost, so it is asked to reconnect and reload.
    const watcher = new WebSocket(`${server.url.replace('http', 'ws')}/api/v1/realtime?token=${token}`);
    const watcherClosed = new Promise<number>((resolve) => watcher.on('close', (code) => resolve(code)));
    await new Promise((resolve, reject) => watcher.once('open', resolve).once('error', reject));
    await sql?.end();
    sql = null;
    await cluster.stop('immediate');
    const downAt = outcomes.size;
    await eventually(async () => (await health('/healthz')) === 503, '/healthz reports the outage', 5000);
    expect(await health('/readyz')).toBe(503);
    const refusedSinceDown = () => [...outcomes.values()].slice(downAt).filter((o) => o.status >= 500).length;
    await eventually(async () => refusedSinceDown() >= 20, 'webhooks are refused during the outage', 20_000);
    // Still alive well into the outage: it went on answering (and its workers on failing) for as many more.
    await eventually(async () => refusedSinceDown() >= 60, 'more webhooks are refused', 20_000);
    expect(server.child.exitCode).toBeNull();

    await cluster.start();
    const restartedAt = Date.now();
    await eventually(async () => (await health('/healthz')) === 200, '/healthz recovers', 20_000);
    const recoveryMs = Date.now() - restartedAt;
    expect(await health('/readyz')).toBe(200);
    expect(recoveryMs).toBeLessThan(10_000);
    expect(await Promise.race([watcherClosed, sleep(10_000).then(() => 'still open')]), 'closed with 1012 (reconnect) once the bus listens again').toBe(1012);
    const afterRecovery = acknowledged();
    await eventually(async () => acknowledged() >= afterRecovery + 40, 'webhooks are stored again', 20_000);
    loading = false;
    await Promise.all(senders);

    // The same process throughout: it never exited and was never restarted.
    expect(server.child.exitCode).toBeNull();
    expect(server.child.pid).toBe(pid);
    const all = [...outcomes.values()];
    const refused = all.filter((o) => o.status !== 200);
    expect(refused.length).toBeGreaterThanOrEqual(20);
    for (const o of refused) expect(o.status, 'refused with a 5xx, so Twilio retries').toBeGreaterThanOrEqual(500);
    expect(Math.max(...all.map((o) => o.ms)), 'answered well inside Twilio 15 s timeout').toBeLessThan(10_000);

    // Every acknowledged webhook is stored exactly once; re-sending the refused ones stores them too.
    const stored = async () => new Map((await query<{ provider_sid: string; n: number }>(`SELECT provider_sid, count(*)::int AS n FROM messages WHERE direction = 'inbound' GROUP BY provider_sid`)).map((r) => [r.provider_sid, r.n]));
    // (Processing may finish after the 200, from a durable receipt: wait for it, then count.)
    const acknowledgedSids = [...outcomes].filter(([, o]) => o.status === 200).map(([sid]) => sid);
    await eventually(async () => {
      const now = await stored();
      return acknowledgedSids.every((sid) => now.has(sid));
    }, 'every acknowledged webhook is stored', 20_000);
    const before = await stored();
    for (const sid of acknowledgedSids) expect(before.get(sid), sid).toBe(1);
    const resend = [...refused];
    await Promise.all(Array.from({ length: 4 }, async () => {
      for (let o = resend.pop(); o; o = resend.pop()) expect((await post(o.params)).status).toBe(200);
    }));
    await eventually(async () => (await stored()).size === outcomes.size + REPLIES, 'every re-sent webhook is stored', 20_000);
    const after = await stored();
    for (const sid of outcomes.keys()) expect(after.get(sid), sid).toBe(1);
    expect(after.size).toBe(outcomes.size + REPLIES);

    // The outbox resumes: each reply reaches Twilio exactly once, and every message records its sid.
    fake.sendDelayMs = 0;
    await eventually(async () => (await query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE state <> 'done'`))[0].n === 0, 'the outbox drains', 30_000);
    const replies = fake.messages.map((m) => m.body).filter((b) => b.startsWith('reply '));
    expect(replies.sort()).toEqual(open.map((_, i) => `reply ${i}`).sort());
    expect((await query<{ n: number }>(`SELECT count(*)::int AS n FROM messages WHERE direction = 'outbound' AND provider_sid IS NULL`))[0].n).toBe(0);

    // The realtime bus listens again: a notification from another process reaches a browser.
    const frames: { type: string; data: any }[] = [];
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/api/v1/realtime?token=${token}`);
    socket.on('message', (raw) => frames.push(JSON.parse(String(raw))));
    try {
      await eventually(async () => frames.some((f) => f.type === 'hello'), 'the socket says hello', 5000);
      const event = { type: 'conversation.updated', audience: { queueId: null, agentId: null }, data: { probe: 'after restart' } };
      await eventually(async () => {
        if (frames.some((f) => f.data?.probe === 'after restart')) return true;
        await query(`SELECT pg_notify('switchboard_events', '${JSON.stringify({ origin: 'another-process', event })}')`);
        return false;
      }, 'a notification from another process arrives', 10_000);
    } finally {
      socket.close();
    }
  }, 150_000);
});

async function connected(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  return client;
}
