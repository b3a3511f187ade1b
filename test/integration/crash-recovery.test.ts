import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import twilio from 'twilio';
import { dbKinds, POSTGRES_ADMIN_URL, urlFor } from '../helpers/databases.js';
import { eventually } from '../helpers/eventually.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { startChildServer, type ChildServer } from '../helpers/server-child.js';
import { freePort } from '../../bench/lib/server-process.js';
import { ACCOUNT_SID, AUTH_TOKEN, BUSINESS_NUMBER, randomMessageSid } from '../helpers/scenario.js';

const onPostgres = dbKinds.includes('postgres') ? describe : describe.skip;
const ADMIN = { email: 'crash@test.local', password: 'crash test password' };

onPostgres('kill -9 during traffic loses nothing and duplicates nothing (PostgreSQL)', () => {
  const dbName = `switchboard_crash_${process.pid}`;
  let fake: FakeTwilio;
  let server: ChildServer;
  let port: number;
  let env: Record<string, string>;
  let sql: pg.Client;

  const api = async (method: string, path: string, token: string | null, body?: unknown) => {
    const res = await fetch(server.url + path, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  };

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    port = await freePort();
    env = {
      DATABASE_URL: urlFor(dbName),
      TWILIO_API_BASE_URL: fake.baseUrl,
      SWITCHBOARD_SECRET: 'crash-test',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      SIMULATOR: 'false',
      OUTBOX_CLAIM_SECONDS: '3',
    };
    server = await startChildServer(env, port);
    sql = new pg.Client({ connectionString: urlFor(dbName) });
    await sql.connect();
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    await sql?.end();
    await fake?.close();
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  it('stores every acknowledged webhook exactly once, and queued replies reach Twilio exactly once', async () => {
    const login = await api('POST', '/api/v1/auth/login', null, ADMIN);
    const token = login.body.token as string;
    const account = await api('POST', '/api/v1/messaging-accounts', token, { name: 'Crash', channel: 'whatsapp', provider: 'twilio', accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    await api('POST', `/api/v1/messaging-accounts/${account.body.id}/numbers`, token, { name: 'Line', number: BUSINESS_NUMBER });
    const inboundUrl = account.body.inboundUrl as string;

    // 1. An inbound burst, with the process killed in the middle of it.
    const webhooks = Array.from({ length: 300 }, (_, i) => {
      const sid = randomMessageSid();
      const from = `+1555${String(2000000 + i)}`;
      return { MessageSid: sid, SmsMessageSid: sid, SmsSid: sid, AccountSid: ACCOUNT_SID, From: `whatsapp:${from}`, To: `whatsapp:${BUSINESS_NUMBER}`, Body: `burst ${i}`, NumMedia: '0', WaId: from.slice(1), ProfileName: `C${i}`, ApiVersion: '2010-04-01' };
    });
    const post = (params: Record<string, string>) =>
      fetch(inboundUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, inboundUrl, params) },
        body: new URLSearchParams(params).toString(),
      }).then((r) => r.status, () => 0);
    const acknowledged = new Set<string>();
    let hundredAcknowledged = () => {};
    const hundred = new Promise<void>((resolve) => (hundredAcknowledged = resolve));
    let next = 0;
    const senders = Array.from({ length: 10 }, async () => {
      while (next < webhooks.length) {
        const params = webhooks[next++];
        if ((await post(params)) === 200) acknowledged.add(params.MessageSid);
        if (acknowledged.size >= 100) hundredAcknowledged();
      }
    });
    await hundred;
    await server.kill9();
    await Promise.all(senders);
    expect(acknowledged.size).toBeGreaterThanOrEqual(100);
    expect(acknowledged.size).toBeLessThan(webhooks.length);

    server = await startChildServer(env, port);
    // What was acknowledged but not yet stored waits in the inbox; the restarted process's workers store it.
    await eventually(async () => (await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM inbound_inbox')).rows[0].n === 0, 'the inbox drains', 30_000);
    const stored = await sql.query<{ provider_sid: string; n: number }>(`SELECT provider_sid, count(*)::int AS n FROM messages WHERE direction = 'inbound' GROUP BY provider_sid`);
    const storedSids = new Map(stored.rows.map((r) => [r.provider_sid, r.n]));
    for (const sid of acknowledged) expect(storedSids.get(sid), sid).toBe(1);
    // Twilio redelivers what was never acknowledged (and some that were): each is stored once in the end.
    for (const params of webhooks) expect(await post(params)).toBe(200);
    const all = await sql.query<{ n: number; distinct: number }>(`SELECT count(*)::int AS n, count(DISTINCT provider_sid)::int AS distinct FROM messages WHERE direction = 'inbound'`);
    expect(all.rows[0]).toEqual({ n: webhooks.length, distinct: webhooks.length });

    // 2. Replies queued to 150 customers, the process killed while the outbox dispatches them.
    const relogin = await api('POST', '/api/v1/auth/login', null, ADMIN);
    const conversations = (await api('GET', '/api/v1/conversations?state=open&limit=150', relogin.body.token)).body.items as { id: string }[];
    expect(conversations).toHaveLength(150);
    fake.sendDelayMs = 20;
    for (const [i, c] of conversations.entries()) {
      await api('POST', `/api/v1/conversations/${c.id}/pick`, relogin.body.token);
      const sent = await api('POST', `/api/v1/conversations/${c.id}/messages`, relogin.body.token, { body: `reply ${i}` });
      expect(sent.status).toBe(201);
    }
    await eventually(async () => fake.messages.length >= 20, 'the outbox is sending');
    await server.kill9();
    const beforeRestart = fake.messages.length;
    expect(beforeRestart).toBeLessThan(150);
    server = await startChildServer(env, port);
    await eventually(async () => (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE state <> 'done'`)).rows[0].n === 0, 'the outbox drains', 45_000);
    const bodies = fake.messages.map((m) => m.body);
    expect(new Set(bodies).size).toBe(bodies.length); // nothing sent twice
    expect(bodies.filter((b) => b.startsWith('reply ')).sort()).toEqual(conversations.map((_, i) => `reply ${i}`).sort()); // nothing lost
    const unsent = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM messages WHERE direction = 'outbound' AND provider_sid IS NULL`);
    expect(unsent.rows[0].n).toBe(0);
  }, 150_000);
});
