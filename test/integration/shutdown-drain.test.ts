import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { startChildServer, type ChildServer } from '../helpers/server-child.js';
import { eventually } from '../helpers/eventually.js';
import { CHILD_ADMIN, childApi, childWhatsapp, freshPostgresDatabase, inboundParams, postWebhook, requestOnce, type Outcome } from '../helpers/child-world.js';
import { ACCOUNT_SID, AUTH_TOKEN } from '../helpers/scenario.js';

const onPostgres = dbKinds.includes('postgres') ? describe : describe.skip;
const DRAIN_SECONDS = 2;

type Timed = { at: number; outcome: Outcome };

/**
 * SIGTERM to a real server process on PostgreSQL, in the middle of a webhook burst and of paced
 * sends: the load balancer's health check (/readyz) must see it unready while it still serves, so
 * no webhook meets a closing port before the balancer has stopped sending.
 */
onPostgres('SIGTERM drains the process before it exits (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let fake: FakeTwilio;
  let server: ChildServer | undefined;
  let env: Record<string, string>;

  beforeEach(async () => {
    db = await freshPostgresDatabase(`switchboard_drain_${process.pid}`);
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    env = {
      DATABASE_URL: db.url,
      TWILIO_API_BASE_URL: fake.baseUrl,
      SWITCHBOARD_SECRET: 'drain-test',
      ADMIN_EMAIL: CHILD_ADMIN.email,
      ADMIN_PASSWORD: CHILD_ADMIN.password,
      SIMULATOR: 'false',
    };
  }, 60_000);
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    await fake?.close();
    await db?.drop();
  });

  it('answers /readyz 503 at once, keeps serving webhooks for the drain, and exits 0', async () => {
    server = await startChildServer({ ...env, SHUTDOWN_DRAIN_SECONDS: String(DRAIN_SECONDS) });
    const { inboundUrl } = await childWhatsapp(server.url);

    // A health checker polling /readyz, and webhooks posted without pause until the port closes.
    const child = server.child;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const readyz: Timed[] = [];
    const webhooks: (Timed & { sid: string })[] = [];
    let portClosed = false;
    const poller = (async () => {
      while (!portClosed) {
        const at = Date.now();
        const outcome = await requestOnce(`${server!.url}/readyz`);
        readyz.push({ at, outcome });
        if (outcome === 'ECONNREFUSED') portClosed = true;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    let n = 0;
    const burst = Array.from({ length: 4 }, async () => {
      while (!portClosed) {
        const params = inboundParams(`+1555400${String(n++ % 50).padStart(4, '0')}`, `burst ${n}`);
        const at = Date.now();
        const outcome = await postWebhook(inboundUrl, params);
        webhooks.push({ at, outcome, sid: params.MessageSid });
        if (outcome === 'ECONNREFUSED') portClosed = true;
      }
    });
    await eventually(async () => webhooks.filter((w) => w.outcome === 200).length >= 10, 'webhooks answered before SIGTERM');
    const termAt = Date.now();
    child.kill('SIGTERM');
    await Promise.all([poller, ...burst]);
    expect(await exited).toBe(0);
    server = undefined;

    // /readyz turned 503 at once (allowing for a request already on its way), and the port stayed open for the drain.
    const afterTerm = readyz.filter((r) => r.at > termAt + 100);
    expect(afterTerm.filter((r) => r.outcome === 200)).toEqual([]);
    const refusedAt = Math.min(...[...readyz, ...webhooks].filter((r) => r.outcome === 'ECONNREFUSED').map((r) => r.at));
    expect(afterTerm.filter((r) => r.outcome === 503 && r.at < refusedAt).length).toBeGreaterThan(5);
    expect(refusedAt - termAt).toBeGreaterThanOrEqual(DRAIN_SECONDS * 1000 - 200);

    // Every webhook got an answer: 200 (or 503 while the server closes), or a refused connection once the port was closed.
    expect(webhooks.filter((w) => typeof w.outcome !== 'number' && w.outcome !== 'ECONNREFUSED')).toEqual([]);
    expect(webhooks.filter((w) => typeof w.outcome === 'number' && w.outcome !== 200 && w.outcome !== 503)).toEqual([]);
    expect(webhooks.filter((w) => w.outcome === 200 && w.at > termAt + 1000).length).toBeGreaterThan(0);
    // Every acknowledged webhook is stored (or waits in the inbox, durable, for the next process's workers).
    const acknowledged = webhooks.filter((w) => w.outcome === 200).map((w) => w.sid);
    const kept = await db.sql.query<{ sid: string }>(
      `SELECT provider_sid AS sid FROM messages WHERE provider_sid = ANY($1) UNION ALL SELECT message_sid FROM inbound_inbox WHERE message_sid = ANY($1)`,
      [acknowledged],
    );
    expect(kept.rows.map((r) => r.sid).sort()).toEqual([...acknowledged].sort());
  }, 120_000);

  it('hands back the sends it has not made and its sender leases instead of making them first', async () => {
    server = await startChildServer(env);
    const { token, inboundUrl } = await childWhatsapp(server.url);
    // Replies queued to ten customers on a sender paced at 1 per second: most still wait for their turn at SIGTERM.
    const customers = Array.from({ length: 10 }, (_, i) => `+1555300${String(i).padStart(4, '0')}`);
    for (const from of customers) expect(await postWebhook(inboundUrl, inboundParams(from, 'hello'))).toBe(200);
    await db.sql.query('UPDATE numbers SET max_per_second = 1');
    const conversations = (await childApi(server.url, 'GET', '/api/v1/conversations?state=open&limit=50', token)).body.items as { id: string }[];
    expect(conversations).toHaveLength(customers.length);
    await Promise.all(conversations.map((c) => childApi(server!.url, 'POST', `/api/v1/conversations/${c.id}/pick`, token)));
    const queued = await Promise.all(conversations.map((c, i) => childApi(server!.url, 'POST', `/api/v1/conversations/${c.id}/messages`, token, { body: `reply ${i}` })));
    expect(queued.map((q) => q.status)).toEqual(conversations.map(() => 201));
    await eventually(async () => fake.messages.length >= 1, 'the first paced send');

    const termAt = Date.now();
    await server.stop();
    expect(server.child.exitCode).toBe(0);
    server = undefined;
    // It did not wait to make the sends still queued (ten seconds' worth at this pace).
    expect(Date.now() - termAt).toBeLessThan(4000);
    const sentBefore = fake.messages.length;
    expect(sentBefore).toBeLessThan(conversations.length);
    // Nothing is left claimed, its sender lease ends within a window, its worker is forgotten.
    const claimed = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE state = 'in-flight'`);
    expect(claimed.rows[0].n).toBe(0);
    const leases = await db.sql.query<{ ms: number }>(`SELECT extract(epoch FROM leased_until - clock_timestamp()) * 1000 AS ms FROM sender_leases`);
    for (const lease of leases.rows) expect(Number(lease.ms)).toBeLessThan(1100);
    expect((await db.sql.query('SELECT owner FROM outbox_workers')).rows).toEqual([]);

    // The next process sends the rest, each reply exactly once.
    server = await startChildServer(env);
    await eventually(async () => fake.messages.filter((m) => m.body.startsWith('reply ')).length >= conversations.length, 'every reply sent', 30_000);
    const replies = fake.messages.map((m) => m.body).filter((b) => b.startsWith('reply '));
    expect(replies.sort()).toEqual(conversations.map((_, i) => `reply ${i}`).sort());
  }, 120_000);
});
