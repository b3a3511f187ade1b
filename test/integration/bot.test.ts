import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { ACCOUNT_SID, AUTH_TOKEN, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { startSecondProcess } from '../helpers/second-process.js';
import { eventually } from '../helpers/eventually.js';
import { closeInactiveConversations } from '../../src/server/automation/auto-close.js';
import { startBotWorker, runBotJobsOnce } from '../../src/server/bots/bot-worker.js';
import { claimBotJobs, finishBotJob } from '../../src/server/bots/bot-jobs.js';
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
  let fake: FakeTwilio;
  let botWorker: ReturnType<typeof startBotWorker> | null = null;
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
  const unfinishedTurns = async () => (await t.ctx.db.selectFrom('bot_jobs').select((eb) => eb.fn.countAll<string>().as('n')).where('state', '<>', 'done').executeTakeFirstOrThrow()).n;
  /** The customer writes; the bot answers in the background: wait until it has. */
  const says = async (from: string, body: string) => {
    const sid = await world.customerSends(from, body);
    await eventually(async () => Number(await unfinishedTurns()) === 0, 'the bot to finish its turns', 8000);
    return sid;
  };
  const startBots = () => {
    botWorker = startBotWorker(t.ctx, t.app.log);
    t.ctx.signals.botQueued = botWorker.wake;
  };
  const stopBots = async () => {
    t.ctx.signals.botQueued = () => {};
    await botWorker?.stop();
    botWorker = null;
  };

  beforeAll(async () => {
    // Quick replies ask Twilio's Content API for buttons; this fake Twilio has none, so they go as numbered text.
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    t = await startTestApp(kind, { config: { twilioApiBaseUrl: fake.baseUrl, outboundAllowedHosts: ['127.0.0.1'] } });
    startBots();
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
  afterAll(async () => {
    await stopBots();
    await t?.close();
    await fake?.close();
  });

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
      await says(from, 'hello');
      const c = await conversationOf(from);
      expect(c).toMatchObject({ state: 'open', bot_state: 'active', queue_id: null });
      await says(from, 'what are your hours?');
      expect(await world.automatedOf(c.id)).toEqual([
        'Hi, I am the Acme bot. What can I do for you?\n\n1. Opening hours\n2. Billing\n3. Talk to a person',
        'We are open 9 to 5, Monday to Friday.',
      ]);
      // This Twilio has no Content API: the buttons went as numbered text, and the timeline says why.
      expect(fake.requests.some((r) => r.method === 'POST' && r.path === '/v1/Content')).toBe(true);
      expect((await world.timelineOf(c.id)).filter((e) => e.type === 'bot.buttons-as-text').map((e) => e.data.reason)).toEqual([
        'Twilio did not create the buttons (error 20404): The requested resource was not found',
      ]);
      const list = await t.request('GET', '/api/v1/conversations', { token: setup.agent.token });
      expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(c.id);
    });

    it('hands off on an intent with its variables, which classification rules read; the agent sees the transcript', async () => {
      const from = nextCustomer();
      await says(from, 'hi');
      await says(from, 'I was charged twice');
      const c = await conversationOf(from);
      expect(c).toMatchObject({ state: 'open', bot_state: 'handed-off', queue_id: setup.queueId, priority: 7 });
      expect(c.routing_variables).toMatchObject({ topic: 'billing', botIntent: 'Billing' });
      expect(await handoffOf(c.id)).toMatchObject({ reason: 'intent "Billing" hands off', variables: { topic: 'billing' } });
      const thread = (await t.request('GET', `/api/v1/conversations/${c.id}/messages`, { token: setup.agent.token })).body.items.map((m: { direction: string; body: string }) => `${m.direction}: ${m.body.split('\n')[0]}`);
      expect(thread).toEqual(['inbound: hi', 'outbound: Hi, I am the Acme bot. What can I do for you?', 'inbound: I was charged twice', 'outbound: I am passing you to our billing team.']);
      // After the hand-off the bot stays quiet and the agent takes over.
      await says(from, 'hello?');
      expect(await world.automatedOf(c.id)).toHaveLength(2);
      expect((await t.request('POST', `/api/v1/conversations/${c.id}/pick`, { token: setup.agent.token })).status).toBe(200);
    });

    it('"talk to a person" by its quick-reply number hands off', async () => {
      const from = nextCustomer();
      await says(from, 'hey');
      await says(from, '3');
      const c = await conversationOf(from);
      expect(c.bot_state).toBe('handed-off');
      expect(await handoffOf(c.id)).toMatchObject({ reason: 'the customer asked for a person' });
    });

    it('closes a bot conversation idle for 30 minutes, not before', async () => {
      const from = nextCustomer();
      await says(from, 'hello');
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
    let mode: 'talk' | 'slow' | 'thinking' | 'error' = 'talk';
    let bot: Awaited<ReturnType<typeof startBotServer>>;
    beforeAll(async () => {
      bot = await startBotServer(async (body) => {
        if (mode === 'slow') return { status: 200, json: { replies: [{ text: 'too late' }] }, delayMs: 1500 };
        if (mode === 'thinking') return { status: 200, json: { replies: [{ text: 'Worth the wait.' }] }, delayMs: 1500 };
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
      await says(from, 'where is my order?');
      const [request] = bot.received.slice(-1);
      const timestamp = request.headers['x-switchboard-timestamp'] as string;
      const expected = 'sha256=' + createHmac('sha256', SECRET).update(`${timestamp}.${request.raw}`).digest('hex');
      expect(request.headers['x-switchboard-signature']).toBe(expected);
      expect(request.body).toMatchObject({ message: { body: 'where is my order?', kind: 'text' }, customer: { phone: from } });
      const c = await conversationOf(from);
      expect(request.body.conversationId).toBe(c.id);
      expect(await world.automatedOf(c.id)).toEqual(['You said: where is my order?\n\n1. human']);

      await says(from, 'human please');
      const after = await conversationOf(from);
      expect(after).toMatchObject({ bot_state: 'handed-off', queue_id: setup.queueId });
      expect(after.routing_variables).toMatchObject({ tier: 'gold', score: '3' });
      expect(await handoffOf(c.id)).toMatchObject({ reason: 'customer wants a human' });
      expect(await world.automatedOf(c.id)).toEqual(['You said: where is my order?\n\n1. human', 'Connecting you.']);
    });

    it("answers Twilio's webhook at once while the bot is still thinking, and sends the bot's reply when it comes", async () => {
      mode = 'thinking';
      await world.setBehaviors({ bot: { kind: 'http', http: { url: bot.url, timeoutMs: 3000 } } });
      try {
        const from = nextCustomer();
        const asked = bot.received.length;
        const started = Date.now();
        await world.customerSends(from, 'are you there?');
        const webhookMs = Date.now() - started;
        const c = await conversationOf(from);
        // The bot sleeps 1500 ms: the webhook has answered long before, with nothing sent yet.
        expect(webhookMs).toBeLessThan(1000);
        expect(await world.automatedOf(c.id)).toEqual([]);
        await eventually(async () => bot.received.length > asked, 'the bot to be asked');
        await eventually(async () => (await world.automatedOf(c.id)).length > 0, 'the bot reply', 8000);
        expect(await world.automatedOf(c.id)).toEqual(['Worth the wait.']);
        expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
      } finally {
        await world.setBehaviors({ bot: { kind: 'http', http: { url: bot.url, timeoutMs: 500 } } });
      }
    });

    it('a bot that does not answer within its time budget hands off', async () => {
      mode = 'slow';
      const from = nextCustomer();
      const started = Date.now();
      await world.customerSends(from, 'hello');
      expect(Date.now() - started).toBeLessThan(1000);
      await eventually(async () => Number(await unfinishedTurns()) === 0, 'the bot to time out', 8000);
      const c = await conversationOf(from);
      expect(c).toMatchObject({ bot_state: 'handed-off', queue_id: setup.queueId });
      expect((await handoffOf(c.id))?.reason).toBe('the bot did not answer within 500 ms');
      expect(await world.automatedOf(c.id)).toEqual([]);
    });

    it('a bot that errors hands off', async () => {
      mode = 'error';
      const from = nextCustomer();
      await says(from, 'hello');
      const c = await conversationOf(from);
      expect(c.bot_state).toBe('handed-off');
      expect((await handoffOf(c.id))?.reason).toBe('the bot answered HTTP 500');
    });

    it('a turn claimed by a worker that died is claimed again when its lease runs out; an answered message is not asked again', async () => {
      mode = 'talk';
      await stopBots();
      try {
        const from = nextCustomer();
        await world.customerSends(from, 'anyone?');
        // A worker claimed the turn two minutes ago and died: its 60 s lease has run out.
        const [dead] = await claimBotJobs(t.ctx.db, new Date(Date.now() - 120_000), 10);
        expect(dead).toMatchObject({ attempts: 1 });
        const asked = bot.received.length;
        expect(await runBotJobsOnce(t.ctx)).toBe(1);
        expect(bot.received.length).toBe(asked + 1);
        const c = await conversationOf(from);
        expect(await world.automatedOf(c.id)).toEqual(['You said: anyone?\n\n1. human']);
        // The dead worker's claim can no longer finish the job, and the answered message is never asked again.
        expect(await finishBotJob(t.ctx.db, dead, 'replied', new Date())).toBe(false);
        expect(await runBotJobsOnce(t.ctx)).toBe(0);
        expect(bot.received.length).toBe(asked + 1);
        expect(await t.ctx.db.selectFrom('bot_jobs').select(['state', 'attempts', 'outcome']).where('id', '=', dead.id).executeTakeFirst()).toEqual({ state: 'done', attempts: 2, outcome: 'replied' });
      } finally {
        startBots();
      }
    });

    it.runIf(kind === 'postgres')('two processes never ask the bot twice for one message, and answer each conversation in order', async () => {
      mode = 'talk';
      const second = await startSecondProcess(t);
      let askedBySecond = 0;
      const secondFetch = second.ctx.outboundFetch;
      second.ctx.outboundFetch = (url, init) => {
        if (url === bot.url) askedBySecond += 1;
        return secondFetch(url, init);
      };
      const secondWorker = startBotWorker(second.ctx, t.app.log);
      // Every stored message wakes both processes' workers, so they race for each turn; every other time the
      // second one gets a head start of a few milliseconds, so that it surely takes part (it could lose every race).
      let wakes = 0;
      t.ctx.signals.botQueued = () => {
        secondWorker.wake();
        if (wakes++ % 2 === 0) botWorker?.wake();
        else setTimeout(() => botWorker?.wake(), 5);
      };
      try {
        const customers = [nextCustomer(), nextCustomer(), nextCustomer(), nextCustomer()];
        const asked = bot.received.length;
        await Promise.all(customers.map(async (from) => {
          for (const n of [1, 2, 3]) await world.customerSends(from, `${from} message ${n}`);
        }));
        await eventually(async () => Number(await unfinishedTurns()) === 0, 'both processes to finish the turns', 15_000);
        const requests = bot.received.slice(asked).map((r) => r.body as { conversationId: string; message: { id: string; body: string } });
        expect(requests).toHaveLength(12);
        expect(new Set(requests.map((r) => r.message.id)).size).toBe(12);
        for (const from of customers) {
          const c = await conversationOf(from);
          expect(requests.filter((r) => r.conversationId === c.id).map((r) => r.message.body)).toEqual([1, 2, 3].map((n) => `${from} message ${n}`));
          expect(await world.automatedOf(c.id)).toHaveLength(3);
        }
        expect(askedBySecond).toBeGreaterThan(0);
      } finally {
        t.ctx.signals.botQueued = botWorker!.wake;
        await secondWorker.stop();
        await second.close();
      }
    });

    it('keeps the secret write-only', async () => {
      const view = await t.request('GET', `/api/v1/workstreams/${workstreamId}/behaviors`, { token: setup.admin.token });
      expect(view.body.bot).toMatchObject({ kind: 'http', httpSecretSet: true });
      expect(JSON.stringify(view.body)).not.toContain(SECRET);
    });
  });
});
