import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { ACCOUNT_SID, AUTH_TOKEN, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { eventually } from '../helpers/eventually.js';
import { runBotJobsOnce } from '../../src/server/bots/bot-worker.js';
import { behaviorsWorld } from './behaviors-world.js';

/**
 * The rule bot's fallback and "talk to a person", left at their defaults, are said in the
 * conversation's language (the customer's, else the workstream's) as the automated messages are;
 * an admin's own wording is said as written.
 */
describe.each(dbKinds)('the rule bot speaks the workstream language (%s)', (kind) => {
  let t: TestApp;
  let fake: FakeTwilio;
  let setup: WhatsappSetup;
  let world: ReturnType<typeof behaviorsWorld>;
  let workstreamId: string;
  let phone = 15550009100;
  const nextCustomer = () => `+${++phone}`;

  const conversationOf = (from: string) =>
    t.ctx.db
      .selectFrom('conversations as c')
      .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
      .select(['c.id', 'c.bot_state'])
      .where('ct.phone', '=', from)
      .orderBy('c.created_at', 'desc')
      .executeTakeFirstOrThrow();
  /** The customer writes; the bot takes its turn. */
  const says = async (from: string, body: string) => {
    await world.customerSends(from, body);
    await eventually(async () => (await runBotJobsOnce(t.ctx)) > 0, 'the bot turn');
  };
  const useLanguage = async (language: string) => {
    const res = await t.request('PATCH', `/api/v1/workstreams/${workstreamId}`, { token: setup.admin.token, body: { whatsapp: { language } } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  const ruleBot = (rule: Record<string, unknown> = {}) =>
    world.setBehaviors({ bot: { kind: 'rule', rule: { welcome: '', intents: [{ name: 'Opening hours', keywords: ['hours'], reply: 'We are open 9 to 5.' }], ...rule } } }, workstreamId);

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    t = await startTestApp(kind, { config: { twilioApiBaseUrl: fake.baseUrl } });
    setup = await setupWhatsapp(t);
    world = behaviorsWorld(t, () => setup);
    workstreamId = (await t.request('GET', '/api/v1/workstreams', { token: setup.admin.token })).body.items[0].id;
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('answers in Korean in a Korean workstream, and its Korean "talk to a person" hands off', async () => {
    await useLanguage('ko');
    await ruleBot();
    const from = nextCustomer();
    await says(from, 'hello');
    const c = await conversationOf(from);
    expect(await world.automatedOf(c.id)).toEqual([
      "죄송합니다, 이해하지 못했습니다. 항목을 고르거나 '상담원'이라고 쓰시면 상담원과 연결됩니다.\n\n1. Opening hours\n2. 상담원 연결",
    ]);
    await says(from, '2');
    expect(await conversationOf(from)).toMatchObject({ bot_state: 'handed-off' });
  });

  it('answers in Spanish in a Spanish workstream', async () => {
    await useLanguage('es');
    await ruleBot();
    const from = nextCustomer();
    await says(from, 'hola');
    const c = await conversationOf(from);
    expect(await world.automatedOf(c.id)).toEqual([
      "Lo siento, no le entendí. Elija una opción o escriba 'agente' para hablar con una persona.\n\n1. Opening hours\n2. Hablar con alguien",
    ]);
  });

  it("keeps the admin's own wording, and English where the language has no words", async () => {
    await useLanguage('ko');
    await ruleBot({ fallbackReply: '무엇을 도와드릴까요?', talkToPersonLabel: '사람과 대화' });
    const own = nextCustomer();
    await says(own, 'hello');
    expect(await world.automatedOf((await conversationOf(own)).id)).toEqual(['무엇을 도와드릴까요?\n\n1. Opening hours\n2. 사람과 대화']);

    await useLanguage('fr');
    await ruleBot({ fallbackReply: "Sorry, I did not understand. Choose an option or write 'agent' to talk to a person.", talkToPersonLabel: 'Talk to a person' });
    const french = nextCustomer();
    await says(french, 'bonjour');
    expect(await world.automatedOf((await conversationOf(french)).id)).toEqual([
      "Sorry, I did not understand. Choose an option or write 'agent' to talk to a person.\n\n1. Opening hours\n2. Talk to a person",
    ]);
  });
});
