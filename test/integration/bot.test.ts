import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { closeInactiveConversations } from '../../src/server/automation/auto-close.js';
import { behaviorsWorld } from './behaviors-world.js';

const SECRET = 'bot-shared-secret-0123456789';

/** A bot on 127.0.0.1 that records each request and answers with what the test says. */
async function startBotServer(answer: (body: any) => Promise<{ status: number; json?: unknown; delayMs?: number }>) {
  const received: { headers: IncomingMessage['headers']; raw: string; body: any }[] = [];
  const server: Server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const body = JSON.parse(raw);
    received.push({ headers: req.headers, raw, body });
    const reply = await answer(body);
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.json ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/bot`, received, close: () => new Promise((r) => server.close(r)) };
}

describe.each(dbKinds)('bots (%s)', (kind) => {
  let t: TestApp;
  let setup: WhatsappSetup;
  let world: ReturnType<typeof behaviorsWorld>;
  let workstreamId: string;
  let phone = 15550005000;
  const nextCustomer = () => `+${++phone}`;
  const conversationOf = async (from: string) =>
    t.ctx.db
      .selectFrom('conversations as c')
      .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
      .select(['c.id', 'c.state', 'c.queue_id', 'c.bot_state', 'c.routing_variables', 'c.priority'])
      .where('ct.phone', '=', from)
      .orderBy('c.created_at', 'desc')
      .executeTakeFirstOrThrow();
  const handoffOf = async (id: string) => (await world.timelineOf(id)).find((e) => e.type === 'bot.handoff')?.data;

  beforeAll(async () => {
    t = await startTestApp(kind);
    setup = await setupWhatsapp(t);
    world = behaviorsWorld(t, () => setup);
    workstreamId = (await t.request('GET', '/api/v1/workstreams', { token: setup.admin.token })).body.items[0].id;
    // Classification reads the bot's variables: billing work gets priority 7.
    const ruleset = await t.request('POST', `/api/v1/workstreams/${workstreamId}/classification-rulesets`, {
      token: setup.admin.token,
      body: { name: 'Bot topics', rules: [{ name: 'Billing first', conditions: [{ field: 'var.topic', operator: 'equals', value: 'billing' }], outputs: { priority: 7 } }] },
    });
    expect(ruleset.status).toBe(201);
  });
  afterAll(() => t?.close());

  describe('the rule bot', () => {
    beforeAll(async () => {
      await world.setBehaviors({
        bot: {
          kind: 'rule',
          rule: {
            welcome: 'Hi, I am the Acme bot. What can I do for you?',
            intents: [
              { name: 'Opening hours', keywords: ['hours', 'open'], reply: 'We are open 9 to 5, Monday to Friday.' },
              { name: 'Billing', keywords: ['invoice'], pattern: 'refund|charged twice', reply: 'I am passing you to our billing team.', handoff: true, variables: { topic: 'billing' } },
            ],
          },
        },
      });
    });

    it('answers first, keeps the conversation out of every queue, and replies to intents', async () => {
      const from = nextCustomer();
      await world.customerSends(from, 'hello');
      const c = await conversationOf(from);
      expect(c).toMatchObject({ state: 'open', bot_state: 'active', queue_id: null });
      await world.customerSends(from, 'what are your hours?');
      expect(await world.automatedOf(c.id)).toEqual([
        'Hi, I am the Acme bot. What can I do for you?\n\n1. Opening hours\n2. Billing\n3. Talk to a person',
        'We are open 9 to 5, Monday to Friday.',
      ]);
      const list = await t.request('GET', '/api/v1/conversations', { token: setup.agent.token });
      expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(c.id);
    });

    it('hands off on an intent with its variables, which classification rules read; the agent sees the transcript', async () => {
      const from = nextCustomer();
      await world.customerSends(from, 'hi');
      await world.customerSends(from, 'I was charged twice');
      const c = await conversationOf(from);
      expect(c).toMatchObject({ state: 'open', bot_state: 'handed-off', queue_id: setup.queueId, priority: 7 });
      expect(c.routing_variables).toMatchObject({ topic: 'billing', botIntent: 'Billing' });
      expect(await handoffOf(c.id)).toMatchObject({ reason: 'intent "Billing" hands off', variables: { topic: 'billing' } });
      const thread = (await t.request('GET', `/api/v1/conversations/${c.id}/messages`, { token: setup.agent.token })).body.items.map((m: { direction: string; body: string }) => `${m.direction}: ${m.body.split('\n')[0]}`);
      expect(thread).toEqual(['inbound: hi', 'outbound: Hi, I am the Acme bot. What can I do for you?', 'inbound: I was charged twice', 'outbound: I am passing you to our billing team.']);
      // After the hand-off the bot stays quiet and the agent takes over.
      await world.customerSends(from, 'hello?');
      expect(await world.automatedOf(c.id)).toHaveLength(2);
      expect((await t.request('POST', `/api/v1/conversations/${c.id}/pick`, { token: setup.agent.token })).status).toBe(200);
    });

    it('"talk to a person" by its quick-reply number hands off', async () => {
      const from = nextCustomer();
      await world.customerSends(from, 'hey');
      await world.customerSends(from, '3');
      const c = await conversationOf(from);
      expect(c.bot_state).toBe('handed-off');
      expect(await handoffOf(c.id)).toMatchObject({ reason: 'the customer asked for a person' });
    });

    it('closes a bot conversation idle for 30 minutes, not before', async () => {
      const from = nextCustomer();
      await world.customerSends(from, 'hello');
      const { id } = await conversationOf(from);
      const realNow = t.ctx.now;
      try {
        t.ctx.now = () => new Date(Date.now() + 29 * 60_000);
        await closeInactiveConversations(t.ctx);
        expect((await conversationOf(from)).state).toBe('open');
        t.ctx.now = () => new Date(Date.now() + 31 * 60_000);
        await closeInactiveConversations(t.ctx);
      } finally {
        t.ctx.now = realNow;
      }
      expect((await conversationOf(from)).state).toBe('closed');
      expect((await world.timelineOf(id)).find((e) => e.type === 'state-changed' && e.data.to === 'closed')?.data.reason).toBe('bot conversation idle');
    });
  });

  describe('the HTTP bot', () => {
    let mode: 'talk' | 'slow' | 'error' = 'talk';
    let bot: Awaited<ReturnType<typeof startBotServer>>;
    beforeAll(async () => {
      bot = await startBotServer(async (body) => {
        if (mode === 'slow') return { status: 200, json: { replies: [{ text: 'too late' }] }, delayMs: 1500 };
        if (mode === 'error') return { status: 500, json: { oops: true } };
        return body.message.body.includes('human')
          ? { status: 200, json: { replies: [{ text: 'Connecting you.' }], handoff: { reason: 'customer wants a human', variables: { tier: 'gold', score: 3 } } } }
          : { status: 200, json: { replies: [{ text: `You said: ${body.message.body}`, buttons: ['human'] }] } };
      });
      await world.setBehaviors({ bot: { kind: 'http', http: { url: bot.url, timeoutMs: 500 }, httpSecret: SECRET } });
    });
    afterAll(() => bot?.close());

    it('posts each message signed with HMAC-SHA256 and sends its replies; hand-off carries its variables', async () => {
      mode = 'talk';
      const from = nextCustomer();
      await world.customerSends(from, 'where is my order?');
      const [request] = bot.received.slice(-1);
      const timestamp = request.headers['x-switchboard-timestamp'] as string;
      const expected = 'sha256=' + createHmac('sha256', SECRET).update(`${timestamp}.${request.raw}`).digest('hex');
      expect(request.headers['x-switchboard-signature']).toBe(expected);
      expect(request.body).toMatchObject({ message: { body: 'where is my order?', kind: 'text' }, customer: { phone: from } });
      const c = await conversationOf(from);
      expect(request.body.conversationId).toBe(c.id);
      expect(await world.automatedOf(c.id)).toEqual(['You said: where is my order?\n\n1. human']);

      await world.customerSends(from, 'human please');
      const after = await conversationOf(from);
      expect(after).toMatchObject({ bot_state: 'handed-off', queue_id: setup.queueId });
      expect(after.routing_variables).toMatchObject({ tier: 'gold', score: '3' });
      expect(await handoffOf(c.id)).toMatchObject({ reason: 'customer wants a human' });
      expect(await world.automatedOf(c.id)).toEqual(['You said: where is my order?\n\n1. human', 'Connecting you.']);
    });

    it('a bot that does not answer within its time budget hands off', async () => {
      mode = 'slow';
      const from = nextCustomer();
      const started = Date.now();
      await world.customerSends(from, 'hello');
      expect(Date.now() - started).toBeLessThan(1400);
      const c = await conversationOf(from);
      expect(c).toMatchObject({ bot_state: 'handed-off', queue_id: setup.queueId });
      expect((await handoffOf(c.id))?.reason).toBe('the bot did not answer within 500 ms');
      expect(await world.automatedOf(c.id)).toEqual([]);
    });

    it('a bot that errors hands off', async () => {
      mode = 'error';
      const from = nextCustomer();
      await world.customerSends(from, 'hello');
      const c = await conversationOf(from);
      expect(c.bot_state).toBe('handed-off');
      expect((await handoffOf(c.id))?.reason).toBe('the bot answered HTTP 500');
    });

    it('keeps the secret write-only', async () => {
      const view = await t.request('GET', `/api/v1/workstreams/${workstreamId}/behaviors`, { token: setup.admin.token });
      expect(view.body.bot).toMatchObject({ kind: 'http', httpSecretSet: true });
      expect(JSON.stringify(view.body)).not.toContain(SECRET);
    });
  });
});
