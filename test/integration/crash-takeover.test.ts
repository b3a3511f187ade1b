import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { startChildServer, type ChildServer } from '../helpers/server-child.js';
import { eventually } from '../helpers/eventually.js';
import { CHILD_ADMIN, childApi, childWhatsapp, freshPostgresDatabase, inboundParams, postWebhook } from '../helpers/child-world.js';
import { ACCOUNT_SID, AUTH_TOKEN } from '../helpers/scenario.js';

const onPostgres = dbKinds.includes('postgres') ? describe : describe.skip;
const CUSTOMERS = 5;
const REPLIES = 6;
/** Replies the agent writes after the kill, through the surviving process: they must not overtake the ones left behind. */
const REPLIES_AFTER = 2;
/** Twilio answers this late while the process is killed, so it dies with sends whose outcome it never learns. */
const SLOW_ANSWER_MS = 2500;

/**
 * Two server processes on one PostgreSQL; the one sending is killed with -9 while its sends wait for
 * Twilio's answers. The other must notice within seconds (its heartbeat stopped), reconcile the
 * claims it left with Twilio, and send the rest, each customer's replies in order and once.
 */
onPostgres('a process killed mid-send: the other takes over its claims in seconds, in order (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let fake: FakeTwilio;
  const servers: ChildServer[] = [];

  beforeAll(async () => {
    db = await freshPostgresDatabase(`switchboard_takeover_${process.pid}`);
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
  }, 60_000);
  afterAll(async () => {
    for (const server of servers) if (server.child.exitCode === null && server.child.signalCode === null) await server.stop();
    await fake?.close();
    await db?.drop();
  });

  it('each customer gets every reply once, in order, within 10 s of the kill', async () => {
    // No OUTBOX_CLAIM_SECONDS: claims hold the full minute they hold in production.
    const env = { DATABASE_URL: db.url, TWILIO_API_BASE_URL: fake.baseUrl, SWITCHBOARD_SECRET: 'takeover-test', ADMIN_EMAIL: CHILD_ADMIN.email, ADMIN_PASSWORD: CHILD_ADMIN.password, SIMULATOR: 'false' };
    servers.push(await startChildServer(env));
    servers.push(await startChildServer(env));
    const [a] = servers;
    const { token, inboundUrl } = await childWhatsapp(a.url);
    const phones = Array.from({ length: CUSTOMERS }, (_, i) => `+1555500${String(i).padStart(4, '0')}`);
    for (const phone of phones) expect(await postWebhook(inboundUrl, inboundParams(phone, 'hello'))).toBe(200);
    const conversations = (await childApi(a.url, 'GET', '/api/v1/conversations?state=open&limit=50', token)).body.items as { id: string; customer: { phone: string } }[];
    expect(conversations).toHaveLength(CUSTOMERS);

    fake.sendDelayMs = SLOW_ANSWER_MS;
    const sendsSince = (since: number) => fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/Messages.json') && r.receivedAt >= since).length;
    // Each conversation's replies queued one after the other (their order), the conversations side by side.
    await Promise.all(
      conversations.map(async (c) => {
        await childApi(a.url, 'POST', `/api/v1/conversations/${c.id}/pick`, token);
        for (let i = 0; i < REPLIES; i++) expect((await childApi(a.url, 'POST', `/api/v1/conversations/${c.id}/messages`, token, { body: `${c.customer.phone} reply ${i}` })).status).toBe(201);
      }),
    );

    // Wait for the second round of sends to be with Twilio, unanswered, and kill the process that made them.
    const start = Date.now();
    await eventually(async () => fake.requests.filter((r) => r.method === 'POST').length >= CUSTOMERS + 3 && sendsSince(Date.now() - SLOW_ANSWER_MS + 500) >= 3, 'sends waiting for Twilio', 30_000);
    const holder = await db.sql.query<{ process: string }>(
      `SELECT w.process FROM outbox o JOIN outbox_workers w ON w.owner = o.claimed_by WHERE o.state = 'in-flight' GROUP BY w.process ORDER BY count(*) DESC LIMIT 1`,
    );
    expect(holder.rows).toHaveLength(1);
    const pid = Number(holder.rows[0].process.split(':').at(-1));
    const victim = servers.find((s) => s.child.pid === pid)!;
    const survivor = servers.find((s) => s !== victim)!;
    expect(victim).toBeDefined();
    await victim.kill9();
    const killedAt = Date.now();
    fake.sendDelayMs = 0;
    expect(Date.now() - start).toBeLessThan(30_000);
    await Promise.all(
      conversations.map(async (c) => {
        for (let i = REPLIES; i < REPLIES + REPLIES_AFTER; i++) {
          expect((await childApi(survivor.url, 'POST', `/api/v1/conversations/${c.id}/messages`, token, { body: `${c.customer.phone} reply ${i}` })).status).toBe(201);
        }
      }),
    );

    const expected = CUSTOMERS * (REPLIES + REPLIES_AFTER);
    const replies = () => fake.messages.filter((m) => m.body.includes(' reply '));
    await eventually(async () => replies().length >= expected, 'every reply at Twilio', 60_000);
    const recoverySeconds = (Date.now() - killedAt) / 1000;
    const firstTakeover = fake.requests.filter((r) => r.method === 'POST' && r.receivedAt > killedAt)[0]?.receivedAt;
    console.log(`takeover: first send ${firstTakeover ? ((firstTakeover - killedAt) / 1000).toFixed(1) : '-'} s after the kill, all ${expected} replies at Twilio ${recoverySeconds.toFixed(1)} s after it`);

    // Exactly once, and in order for each customer.
    const bodies = replies().map((m) => m.body);
    expect(new Set(bodies).size).toBe(bodies.length);
    expect(bodies).toHaveLength(expected);
    for (const phone of phones) {
      expect(replies().filter((m) => m.to === `whatsapp:${phone}`).map((m) => m.body)).toEqual(Array.from({ length: REPLIES + REPLIES_AFTER }, (_, i) => `${phone} reply ${i}`));
    }
    expect(recoverySeconds).toBeLessThan(10);
    // Every message gets its sid (the last answers are being recorded), and the survivor is still serving.
    const unsent = async () => (await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM messages WHERE direction = 'outbound' AND provider_sid IS NULL`)).rows[0].n;
    await eventually(async () => (await unsent()) === 0, 'every reply recorded with its sid');
    expect((await fetch(`${survivor.url}/readyz`)).status).toBe(200);
  }, 180_000);
});
