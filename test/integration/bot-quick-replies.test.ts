import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { BUSINESS_NUMBER, customerWrites, setupChannel, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { createContractFetch, validateTwilioResponse, type ContractFetch } from '../helpers/twilio-contract.js';
import { eventually } from '../helpers/eventually.js';
import { runOutboxOnce } from '../../src/server/outbox/worker.js';
import { runBotJobsOnce } from '../../src/server/bots/bot-worker.js';
import { behaviorsWorld } from './behaviors-world.js';

type PhoneMessage = { sid: string; direction: string; body: string; status: string; contentSid: string | null; choices: { kind: string; menuLabel: string | null; options: { id: string; title: string }[] } | null };
type TwilioCall = { method: string; path: string; form: URLSearchParams | null };

const INTENTS = [
  { name: 'Opening hours', keywords: ['hours'], reply: 'We are open 9 to 5.', buttons: ['Billing'] },
  { name: 'Billing', keywords: ['invoice'], reply: 'Passing you to billing.', handoff: true, variables: { topic: 'billing' } },
];

/**
 * The rule bot's quick replies as real WhatsApp buttons, end to end with the built-in simulator as
 * Twilio: the Content template is created once per account and content, the reply is sent with its
 * ContentSid, the simulated phone shows the buttons (or a list), and a tap drives the bot's intent.
 */
describe.each(dbKinds)('bot quick replies as WhatsApp buttons (%s)', (kind) => {
  let t: TestApp;
  let contract: ContractFetch;
  let simToken: string;
  let setup: WhatsappSetup;
  let credentials: { accountSid: string; authToken: string };
  const calls: TwilioCall[] = [];
  let world: ReturnType<typeof behaviorsWorld>;
  let phone = 15550007000;

  const contentCreations = () => calls.filter((c) => c.method === 'POST' && c.path.endsWith('/v1/Content')).length;
  const phoneThread = async (customer: string) =>
    (await t.request('GET', `/simulator/api/phone/${encodeURIComponent(customer)}/messages?with=${encodeURIComponent(BUSINESS_NUMBER)}`, { token: simToken })).body.items as PhoneMessage[];
  const fromBusiness = async (customer: string) => (await phoneThread(customer)).filter((m) => m.direction === 'to-customer');
  const conversationOf = (customer: string) =>
    t.ctx.db
      .selectFrom('conversations as c')
      .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
      .select(['c.id', 'c.bot_state', 'c.routing_variables'])
      .where('ct.phone', '=', customer)
      .executeTakeFirstOrThrow();

  /** The customer writes (or taps) on the simulated phone; the bot takes its turn and the outbox sends the replies. */
  async function customerOnPhone(customer: string, message: { body?: string; button?: { text: string; payload: string } }) {
    const sent = await t.request('POST', '/simulator/api/phone/messages', { token: simToken, body: { from: customer, to: BUSINESS_NUMBER, ...message } });
    expect(sent.body.webhook).toEqual({ ok: true, status: 200 });
    await eventually(async () => (await runBotJobsOnce(t.ctx)) > 0, 'the bot turn');
    await runOutboxOnce(t.ctx);
  }
  const lastFromBusiness = (customer: string, count: number) =>
    eventually(async () => {
      const messages = await fromBusiness(customer);
      return messages.length >= count && messages.every((m) => m.status === 'delivered') ? messages[count - 1] : null;
    }, `business message ${count} on the phone`);

  beforeAll(async () => {
    contract = createContractFetch();
    // What Switchboard asks Twilio, as it asks it (its bodies are strings), before the contract checks it.
    const recording: typeof fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      calls.push({ method: init?.method ?? 'GET', path: url.pathname, form: typeof init?.body === 'string' && url.pathname.endsWith('.json') ? new URLSearchParams(init.body) : null });
      return contract.fetch(input, init);
    };
    t = await startTestApp(kind, { fetch: recording });
    simToken = (await t.userWithToken('agent')).token;
    await t.request('PUT', '/simulator/api/settings', { token: simToken, body: { sentAfterMs: 10, deliveredAfterMs: 20 } });
    const account = await t.request('POST', '/simulator/api/accounts', { token: simToken, body: { friendlyName: 'Acme' } });
    credentials = account.body;
    setup = await setupWhatsapp(t, { provider: 'simulator', ...credentials });
    world = behaviorsWorld(t, () => setup);
    await t.request('PUT', `/simulator/api/numbers/${encodeURIComponent(BUSINESS_NUMBER)}`, { token: simToken, body: { accountSid: credentials.accountSid, smsUrl: setup.inboundUrl } });
    await world.setBehaviors({ bot: { kind: 'rule', rule: { welcome: 'Hi! How can I help?', intents: INTENTS } } });
  });
  afterAll(async () => {
    // Everything is answered by now. A keep-alive connection Node still counts as busy would otherwise
    // hold close() until Fastify's 72 s keep-alive timeout (seen on a loaded machine).
    const closing = t?.close();
    t?.app.server.closeAllConnections();
    await closing;
  });

  it('creates the quick-reply content once, sends the welcome with its ContentSid, and the phone shows three buttons', async () => {
    const ada = `+${++phone}`;
    await customerOnPhone(ada, { body: 'hello' });
    const welcome = await lastFromBusiness(ada, 1);
    expect(welcome.contentSid).toMatch(/^HX[0-9a-f]{32}$/);
    expect(welcome.body).toBe('Hi! How can I help?');
    expect(welcome.choices).toEqual({
      kind: 'quick-reply',
      menuLabel: null,
      options: [
        { id: 'intent:Opening hours', title: 'Opening hours' },
        { id: 'intent:Billing', title: 'Billing' },
        { id: 'person', title: 'Talk to a person' },
      ],
    });
    const send = calls.filter((c) => c.method === 'POST' && c.path.endsWith('/Messages.json')).at(-1)!;
    expect(send.form?.get('ContentSid')).toBe(welcome.contentSid);
    expect(send.form?.has('Body')).toBe(false);
    expect(contentCreations()).toBe(1);
    // The agent's transcript shows the options the customer was offered.
    expect(await world.automatedOf((await conversationOf(ada)).id)).toEqual(['Hi! How can I help?\n\n1. Opening hours\n2. Billing\n3. Talk to a person']);

    const grace = `+${++phone}`;
    await customerOnPhone(grace, { body: 'good morning' });
    expect((await lastFromBusiness(grace, 1)).contentSid).toBe(welcome.contentSid);
    expect(contentCreations()).toBe(1);

    // The content is the account's, at Twilio's Content API, in Twilio's documented shape.
    const auth = 'Basic ' + Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString('base64');
    const listed = await t.request('GET', '/simulator/twilio/v1/Content', { headers: { authorization: auth } });
    expect(validateTwilioResponse({ method: 'GET', path: '/v1/Content', status: listed.status, body: listed.body })).toEqual([]);
    expect(listed.body.contents.filter((c: { sid: string }) => c.sid === welcome.contentSid)).toEqual([
      expect.objectContaining({ language: 'en', types: { 'twilio/quick-reply': { body: 'Hi! How can I help?', actions: welcome.choices!.options } } }),
    ]);
  });

  it("a tap sends Twilio's button fields, the bot answers the intent the button names, and typing an option's number still works", async () => {
    const ada = `+${++phone}`;
    await customerOnPhone(ada, { body: 'hello' });
    const welcome = await lastFromBusiness(ada, 1);
    const hours = welcome.choices!.options[0];
    await customerOnPhone(ada, { button: { text: hours.title, payload: hours.id } });

    const tapped = await t.ctx.db.selectFrom('messages').select(['body', 'button_text', 'button_payload', 'replied_to_sid']).where('direction', '=', 'inbound').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(tapped).toEqual({ body: 'Opening hours', button_text: 'Opening hours', button_payload: 'intent:Opening hours', replied_to_sid: welcome.sid });
    const answer = await lastFromBusiness(ada, 2);
    expect(answer.body).toBe('We are open 9 to 5.');
    expect(answer.choices).toEqual({ kind: 'quick-reply', menuLabel: null, options: [{ id: 'intent:Billing', title: 'Billing' }] });

    // "1" is the first option of the bot's last message: Billing, which hands off.
    await customerOnPhone(ada, { body: '1' });
    const c = await conversationOf(ada);
    expect(c.bot_state).toBe('handed-off');
    expect(c.routing_variables).toMatchObject({ botIntent: 'Billing', topic: 'billing' });
  });

  it('offers more than three options as a list picker, whose items are tapped the same way', async () => {
    const many = [...INTENTS, ...['Delivery', 'Returns', 'Warranty'].map((name) => ({ name, keywords: [name.toLowerCase()], reply: `About ${name.toLowerCase()}.` }))];
    await world.setBehaviors({ bot: { kind: 'rule', rule: { welcome: 'Hi! Pick a topic.', intents: many } } });
    const lin = `+${++phone}`;
    await customerOnPhone(lin, { body: 'hi' });
    const welcome = await lastFromBusiness(lin, 1);
    expect(welcome.choices).toMatchObject({ kind: 'list-picker', menuLabel: 'Options' });
    expect(welcome.choices!.options.map((o) => o.title)).toEqual(['Opening hours', 'Billing', 'Delivery', 'Returns', 'Warranty', 'Talk to a person']);
    const returns = welcome.choices!.options.find((o) => o.title === 'Returns')!;
    await customerOnPhone(lin, { button: { text: returns.title, payload: returns.id } });
    expect((await lastFromBusiness(lin, 2)).body).toBe('About returns.');
  });

  it("sent every request to the simulator in Twilio's documented shape, and got answers in Twilio's shape", () => {
    expect(contract.checked).toBeGreaterThanOrEqual(10);
    expect(contract.violations).toEqual([]);
  });
});

/** The same bot on a channel without buttons: its quick replies go as numbered text and a number picks one. */
describe.each(dbKinds)('bot quick replies as numbered text on SMS (%s)', (kind) => {
  let t: TestApp;
  let setup: WhatsappSetup;
  let world: ReturnType<typeof behaviorsWorld>;
  /** Every request the app makes outside itself (Twilio's Content API, for buttons). */
  const outside: string[] = [];

  beforeAll(async () => {
    const recording: typeof fetch = async (input) => {
      outside.push(input instanceof Request ? input.url : String(input));
      return new Response('{"message":"not reachable in this test"}', { status: 503 });
    };
    t = await startTestApp(kind, { fetch: recording });
    setup = await setupChannel(t, 'sms');
    world = behaviorsWorld(t, () => setup);
  });
  afterAll(() => t?.close());

  it("sends the options as numbered text, asks Twilio for no buttons, and takes the number as the choice", async () => {
    await world.setBehaviors({ bot: { kind: 'rule', rule: { welcome: 'Hi! How can I help?', intents: [{ ...INTENTS[0], buttons: ['Billing', 'Opening hours'] }, INTENTS[1]] } } });
    const from = '+15550008001';
    const { conversationId } = await customerWrites(t, setup, { from, body: 'What are your hours?' });
    await eventually(async () => (await runBotJobsOnce(t.ctx)) > 0, 'the bot turn');
    expect(await world.automatedOf(conversationId)).toContain('We are open 9 to 5.\n\n1. Billing\n2. Opening hours');
    const timeline = await world.timelineOf(conversationId);
    expect(timeline.find((e) => e.type === 'bot.reply' && e.data.buttons.length)?.data).toMatchObject({ buttons: ['Billing', 'Opening hours'], contentSid: null });
    expect(timeline.map((e) => e.type)).not.toContain('bot.buttons-as-text');
    expect(outside.filter((url) => url.includes('/Content'))).toEqual([]);

    // "1" picks Billing, which hands off with the bot's variable.
    await world.customerSends(from, '1');
    await eventually(async () => (await runBotJobsOnce(t.ctx)) > 0, 'the second bot turn');
    const row = await t.ctx.db.selectFrom('conversations').select(['bot_state', 'routing_variables']).where('id', '=', conversationId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ bot_state: 'handed-off', routing_variables: { topic: 'billing' } });
  });
});
