import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { ACCOUNT_SID, AUTH_TOKEN, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { postSignedWebhook } from '../helpers/twilio-signing.js';
import { smsInboundParams } from '../helpers/sms-webhook.js';
import { eventually } from '../helpers/eventually.js';
import { CATALOGUE } from '../../src/server/automation/catalogue.js';
import { runBotJobsOnce } from '../../src/server/bots/bot-worker.js';
import { behaviorsWorld } from './behaviors-world.js';

const SMS_NUMBER = '+14155550177';
const CHANNELS = ['whatsapp', 'sms'] as const;
type Channel = (typeof CHANNELS)[number];
const DAY_MS = 24 * 3600 * 1000;

/**
 * Automated messages, the survey and the bot's quick replies on each channel: the same behaviour
 * where the channels share it, and what a channel without a window or buttons (SMS) does instead.
 */
describe.each(dbKinds)('automation, surveys and bots per channel (%s)', (kind) => {
  let t: TestApp;
  let setup: WhatsappSetup;
  let world: ReturnType<typeof behaviorsWorld>;
  const workstreams = {} as Record<Channel, string>;
  /** Every request the app makes outside itself (Twilio's Content API, for buttons). */
  const outside: string[] = [];
  let phone = 15550008000;
  const nextCustomer = () => `+${++phone}`;

  beforeAll(async () => {
    const recording: typeof fetch = async (input) => {
      outside.push(input instanceof Request ? input.url : String(input));
      return new Response('{"message":"not reachable in this test"}', { status: 503 });
    };
    t = await startTestApp(kind, { fetch: recording });
    setup = await setupWhatsapp(t);
    world = behaviorsWorld(t, () => setup);
    const number = await t.request('POST', `/api/v1/messaging-accounts/${setup.accountId}/numbers`, { token: setup.admin.token, body: { name: 'Texts', number: SMS_NUMBER, channels: ['sms'] } });
    expect(number.status, JSON.stringify(number.body)).toBe(201);
    const sms = await t.request('POST', '/api/v1/workstreams', {
      token: setup.admin.token,
      body: { name: 'SMS', channel: 'sms', mode: 'pick', fallbackQueueId: setup.queueId, capacityPerConversation: 1, sms: { numberId: number.body.id } },
    });
    expect(sms.status, JSON.stringify(sms.body)).toBe(201);
    workstreams.sms = sms.body.id;
    workstreams.whatsapp = (await t.request('GET', '/api/v1/workstreams', { token: setup.admin.token })).body.items.find((w: { channel: string }) => w.channel === 'whatsapp').id;
  });
  afterAll(() => t?.close());

  /** The customer writes on the channel; answers the conversation. */
  async function customerOn(channel: Channel, from: string, body = 'Hello') {
    if (channel === 'whatsapp') await world.customerSends(from, body);
    else expect((await postSignedWebhook(setup.inboundUrl, AUTH_TOKEN, smsInboundParams({ accountSid: ACCOUNT_SID, from, to: SMS_NUMBER, body }))).status).toBe(200);
    const [latest] = (await world.conversationsOf(from)).slice(-1);
    return latest.id;
  }

  it.each(CHANNELS)('greets a new %s conversation with the automated greeting', async (channel) => {
    await world.setBehaviors({ automatedMessages: { greeting: { enabled: true } } }, workstreams[channel]);
    const conversationId = await customerOn(channel, nextCustomer());
    const conversation = (await t.request('GET', `/api/v1/conversations/${conversationId}`, { token: setup.admin.token })).body;
    expect(conversation.channel).toBe(channel);
    expect(await world.automatedOf(conversationId)).toEqual([CATALOGUE.greeting.defaults.en]);
    await world.setBehaviors({ automatedMessages: { greeting: { enabled: false } } }, workstreams[channel]);
  });

  it.each(CHANNELS)('asks the survey question in a %s conversation on close; the rating reply is the answer', async (channel) => {
    await world.setBehaviors({ survey: { enabled: true, channel: 'chat', answerWithinMinutes: 60 } }, workstreams[channel]);
    const from = nextCustomer();
    const conversationId = await customerOn(channel, from);
    expect((await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token })).status).toBe(200);
    expect((await t.request('POST', `/api/v1/conversations/${conversationId}/close`, { token: setup.agent.token })).status).toBe(200);
    expect(await world.automatedOf(conversationId)).toEqual([CATALOGUE['survey-question'].defaults.en]);
    await customerOn(channel, from, '5');
    const survey = await t.ctx.db.selectFrom('survey_requests').selectAll().where('conversation_id', '=', conversationId).executeTakeFirstOrThrow();
    expect(survey).toMatchObject({ status: 'answered', rating: 5, answered_via: 'chat' });
    await world.setBehaviors({ survey: { enabled: false } }, workstreams[channel]);
  });

  it('asks the survey on SMS days after the last message: SMS has no window, so no template is needed', async () => {
    await world.setBehaviors({ survey: { enabled: true, channel: 'chat', answerWithinMinutes: 60 } }, workstreams.sms);
    const conversationId = await customerOn('sms', nextCustomer());
    expect((await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token })).status).toBe(200);
    const realNow = t.ctx.now;
    t.ctx.now = () => new Date(Date.now() + 3 * DAY_MS);
    try {
      expect((await t.request('POST', `/api/v1/conversations/${conversationId}/close`, { token: setup.agent.token })).status).toBe(200);
    } finally {
      t.ctx.now = realNow;
    }
    expect(await world.automatedOf(conversationId)).toEqual([CATALOGUE['survey-question'].defaults.en]);
    expect((await world.timelineOf(conversationId)).map((e) => e.type)).not.toContain('survey.not-sent');
    await world.setBehaviors({ survey: { enabled: false } }, workstreams.sms);
  });

  it("sends a bot's quick replies on SMS as numbered text, asks Twilio for no buttons, and takes the number as the choice", async () => {
    await world.setBehaviors({
      bot: { kind: 'rule', rule: { welcome: 'Hi! How can I help?', intents: [
        { name: 'Opening hours', keywords: ['hours'], reply: 'We are open 9 to 5.', buttons: ['Billing', 'Opening hours'] },
        { name: 'Billing', keywords: ['invoice'], reply: 'Passing you to billing.', handoff: true, variables: { topic: 'billing' } },
      ] } },
    }, workstreams.sms);
    const from = nextCustomer();
    const conversationId = await customerOn('sms', from, 'What are your hours?');
    await eventually(async () => (await runBotJobsOnce(t.ctx)) > 0, 'the bot turn');
    expect(await world.automatedOf(conversationId)).toContain('We are open 9 to 5.\n\n1. Billing\n2. Opening hours');
    const timeline = await world.timelineOf(conversationId);
    expect(timeline.find((e) => e.type === 'bot.reply' && e.data.buttons.length)?.data).toMatchObject({ buttons: ['Billing', 'Opening hours'], contentSid: null });
    expect(timeline.map((e) => e.type)).not.toContain('bot.buttons-as-text');
    expect(outside.filter((url) => url.includes('/Content'))).toEqual([]);

    // "1" picks Billing, which hands off with the bot's variable.
    await customerOn('sms', from, '1');
    await eventually(async () => (await runBotJobsOnce(t.ctx)) > 0, 'the second bot turn');
    const row = await t.ctx.db.selectFrom('conversations').select(['bot_state', 'routing_variables']).where('id', '=', conversationId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ bot_state: 'handed-off', routing_variables: { topic: 'billing' } });
  });
});
