import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { downloadPendingMedia } from '../../src/server/media/download-media.js';
import { runOutboxOnce } from '../../src/server/outbox/worker.js';
import { CATALOGUE } from '../../src/server/automation/catalogue.js';
import { behaviorsWorld } from './behaviors-world.js';

const PNG_HEADER = Buffer.from('89504e470d0a1a0a', 'hex');

describe.each(dbKinds)('automated messages that depend on Twilio: file too big, window closed (%s)', (kind) => {
  let t: TestApp;
  let fake: FakeTwilio;
  let setup: WhatsappSetup;
  let world: ReturnType<typeof behaviorsWorld>;

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    t = await startTestApp(kind, { config: { twilioApiBaseUrl: fake.baseUrl } });
    setup = await setupWhatsapp(t);
    world = behaviorsWorld(t, () => setup);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  const photo = async (from: string, bytes: number) => {
    const sid = 'MM' + Math.random().toString(16).slice(2).padEnd(32, '0').slice(0, 32);
    const data = Buffer.concat([PNG_HEADER, Buffer.alloc(bytes - PNG_HEADER.length)]);
    return customerWrites(t, setup, {
      from,
      body: '',
      extra: { MessageSid: sid, SmsMessageSid: sid, SmsSid: sid, NumMedia: '1', MessageType: 'image', MediaContentType0: 'image/png', MediaUrl0: fake.addMedia(sid, 'image/png', data) },
    });
  };

  it('tells the customer once the download shows the photo is over the 5 MB image limit, and not for a small one', async () => {
    const big = await photo('+15550006001', 6 * 1024 * 1024);
    const small = await photo('+15550006002', 1024);
    expect(await downloadPendingMedia(t.ctx)).toBe(2);
    expect(await world.automatedOf(big.conversationId)).toEqual([CATALOGUE['file-too-big'].defaults.en]);
    expect(await world.automatedOf(small.conversationId)).toEqual([]);
  });

  it('tells the agent when Twilio refuses a message for the closed 24-hour window (63016), by answer or by callback', async () => {
    const { conversationId } = await customerWrites(t, setup, { from: '+15550006003' });
    await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token });
    const notices = async () => (await world.timelineOf(conversationId)).filter((e) => e.type === 'automation.notice').map((e) => e.data.trigger);
    // Earlier tests' automated messages go out first, so the scripted refusal meets this message.
    while ((await runOutboxOnce(t.ctx)) > 0);

    fake.script.push({ kind: 'error', status: 400, code: 63016, message: 'Failed to send freeform message because you are outside the allowed window.' });
    await t.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: setup.agent.token, body: { body: 'Refused at once' } });
    await runOutboxOnce(t.ctx);
    expect(await notices()).toEqual(['window-closed']);

    await t.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: setup.agent.token, body: { body: 'Refused later' } });
    await runOutboxOnce(t.ctx);
    const sid = fake.messages.at(-1)!.sid;
    expect(await fake.sendStatusCallback(sid, 'undelivered', { ErrorCode: '63016' })).toBe(200);
    expect(await notices()).toEqual(['window-closed', 'window-closed']);
    expect(await world.automatedOf(conversationId)).toEqual([]);
  });

  it('another failure code tells the agent nothing', async () => {
    const { conversationId } = await customerWrites(t, setup, { from: '+15550006004' });
    await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token });
    fake.script.push({ kind: 'error', status: 400, code: 21211, message: 'Invalid To' });
    await t.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: setup.agent.token, body: { body: 'Bad number' } });
    await runOutboxOnce(t.ctx);
    expect((await world.timelineOf(conversationId)).filter((e) => e.type === 'automation.notice')).toEqual([]);
  });
});
