import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startSecondProcess } from '../helpers/second-process.js';
import { signedForm } from '../helpers/twilio-signing.js';
import { randomMessageSid } from '../helpers/scenario.js';
import { runInboxOnce } from '../../src/server/inbox/worker.js';
import { runRoutingSweep } from '../../src/server/routing/sweep.js';
import { ACCOUNT_SID, AUTH_TOKEN, createWorlds, nextCustomer, type World } from './routing-world.js';

const CUSTOMERS = 80;
const AGENTS = 6;
const CAPACITY = 30; // three conversations of 10 units each

/**
 * Two Switchboard processes on one PostgreSQL database take a burst of new conversations at the
 * same moment, and both run the routing sweep while agents accept and close work. No agent may
 * ever hold more than their capacity, no conversation may be offered or assigned twice, none lost.
 */
describe.skipIf(!dbKinds.includes('postgres'))('routing under concurrency: two processes, one PostgreSQL', () => {
  let t: TestApp;
  let second: Awaited<ReturnType<typeof startSecondProcess>>;
  let admin: { id: string; token: string };
  let w: World;
  const { world, inboundUrl } = createWorlds(() => t, () => admin);

  beforeAll(async () => {
    t = await startTestApp('postgres');
    second = await startSecondProcess(t);
    admin = await t.userWithToken('admin');
    w = await world({ mode: 'push', agents: Array.from({ length: AGENTS }, () => ({ capacity: CAPACITY })) });
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  /** The same webhook Twilio would send, to either process (both verify against PUBLIC_URL). */
  async function webhookTo(base: string, from: string) {
    const sid = randomMessageSid();
    const params = { MessageSid: sid, SmsSid: sid, SmsMessageSid: sid, AccountSid: ACCOUNT_SID, From: `whatsapp:${from}`, To: `whatsapp:${w.number}`, Body: 'help', NumMedia: '0', WaId: from.slice(1), ProfileName: 'C', SmsStatus: 'received', ApiVersion: '2010-04-01' };
    const url = inboundUrl();
    const signed = signedForm(AUTH_TOKEN, url, params);
    const res = await fetch(base + new URL(url).pathname, { method: 'POST', headers: signed.headers, body: signed.body });
    return res.status;
  }

  /** Units each agent holds right now (Active, Wrap-up under the default "always" rule, pending offers). */
  async function heldUnits() {
    const rows = await sql<{ agent: string; units: number }>`
      SELECT agent, sum(units)::int AS units FROM (
        SELECT assigned_agent_id AS agent, 10 AS units FROM conversations WHERE state IN ('active', 'wrap-up') AND assigned_agent_id IS NOT NULL
        UNION ALL
        SELECT agent_id, 10 FROM offers WHERE state = 'pending'
      ) held GROUP BY agent`.execute(t.ctx.db);
    return rows.rows;
  }

  async function assertInvariants() {
    for (const row of await heldUnits()) expect(row.units, `agent ${row.agent}`).toBeLessThanOrEqual(CAPACITY);
    const doubleOffers = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT conversation_id FROM offers WHERE state = 'pending' GROUP BY conversation_id HAVING count(*) > 1) d`.execute(t.ctx.db);
    expect(doubleOffers.rows[0].n).toBe(0);
    const doubleAccepts = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT conversation_id FROM offers WHERE state = 'accepted' GROUP BY conversation_id HAVING count(*) > 1) d`.execute(t.ctx.db);
    expect(doubleAccepts.rows[0].n).toBe(0);
  }

  it('a simultaneous burst on both processes: capacity never exceeded, nothing offered twice, nothing lost', async () => {
    const customers = Array.from({ length: CUSTOMERS }, () => nextCustomer());
    const statuses = await Promise.all(customers.map((c, i) => webhookTo(i % 2 ? second.url : t.url, c)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    // Beyond the inline limit, webhooks wait in the inbox for a worker: both processes drain it together.
    while ((await Promise.all([runInboxOnce(t.ctx), runInboxOnce(second.ctx)])).some((n) => n > 0));
    await Promise.all([runRoutingSweep(t.ctx), runRoutingSweep(second.ctx), runRoutingSweep(t.ctx), runRoutingSweep(second.ctx)]);
    await assertInvariants();

    const conversations = await t.ctx.db.selectFrom('conversations').select(['id', 'state', 'queue_id']).where('number_id', '=', w.numberId).execute();
    expect(conversations).toHaveLength(CUSTOMERS);
    expect(conversations.every((c) => c.state === 'open' && c.queue_id === w.queueId)).toBe(true);
    const offered = await t.ctx.db.selectFrom('offers').select('agent_id').where('state', '=', 'pending').execute();
    // Every agent was filled to capacity: 6 agents × 3 conversations.
    expect(offered).toHaveLength(AGENTS * (CAPACITY / 10));

    // Agents accept and close their work on both processes while both sweep, until all is served.
    const servedBy = new Map<string, string>();
    for (let round = 0; round < 40 && servedBy.size < CUSTOMERS; round++) {
      const pending = await t.ctx.db.selectFrom('offers').select(['conversation_id', 'agent_id']).where('state', '=', 'pending').execute();
      await Promise.all(
        pending.map(async (o, i) => {
          const agent = w.agents.find((a) => a.id === o.agent_id)!;
          const base = i % 2 ? second.url : t.url;
          const call = (action: string) => fetch(`${base}/api/v1/conversations/${o.conversation_id}/${action}`, { method: 'POST', headers: { authorization: `Bearer ${agent.token}` } });
          if ((await call('accept')).status !== 200) return;
          servedBy.set(o.conversation_id, o.agent_id);
          await call('end');
          await call('close');
        }),
      );
      await Promise.all([runRoutingSweep(t.ctx), runRoutingSweep(second.ctx)]);
      await assertInvariants();
    }
    expect(servedBy.size).toBe(CUSTOMERS);
    const closed = await t.ctx.db.selectFrom('conversations').select((eb) => eb.fn.countAll<string>().as('n')).where('number_id', '=', w.numberId).where('state', '=', 'closed').executeTakeFirstOrThrow();
    expect(Number(closed.n)).toBe(CUSTOMERS);
    const acceptedEvents = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM conversation_events e JOIN conversations c ON c.id = e.conversation_id
      WHERE c.number_id = ${w.numberId} AND e.type = 'offer-accepted'`.execute(t.ctx.db);
    expect(acceptedEvents.rows[0].n).toBe(CUSTOMERS);
    // Work was spread over every agent.
    expect(new Set(servedBy.values()).size).toBe(AGENTS);
  }, 120_000);
});
