import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { runOutboxOnce } from '../../src/server/outbox/worker.js';

// Found by the soak suite: a send whose answer was lost, then a status callback of that send
// arriving while the retry was already under way, made the retry send the message a second time.
describe.each(dbKinds)('a lost send answer, then its status callback racing the retry (%s)', (kind) => {
  let t: TestApp;
  let fake: FakeTwilio;
  let setup: WhatsappSetup;

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    t = await startTestApp(kind, { config: { twilioApiBaseUrl: fake.baseUrl } });
    setup = await setupWhatsapp(t);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('adopts the sid the callback brought instead of sending again', async () => {
    const { conversationId } = await customerWrites(t, setup, { from: '+15550005001' });
    const sent = await t.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: setup.admin.token, body: { body: 'Only once, please' } });
    expect(sent.status).toBe(201);
    fake.script.push({ kind: 'accept-then-drop' });
    await runOutboxOnce(t.ctx);
    expect(fake.messages).toHaveLength(1);
    const [first] = fake.messages;

    // The retry is due; while it asks Twilio what became of the first attempt, that attempt's callback lands.
    const { listMessages } = t.ctx.twilio;
    const realNow = t.ctx.now;
    t.ctx.twilio.listMessages = async (...args) => {
      expect(await fake.sendStatusCallback(first.sid, 'sent')).toBe(200);
      return listMessages(...args);
    };
    t.ctx.now = () => new Date(Date.now() + 60_000);
    try {
      expect(await runOutboxOnce(t.ctx)).toBe(1);
    } finally {
      t.ctx.twilio.listMessages = listMessages;
      t.ctx.now = realNow;
    }

    expect(fake.messages.map((m) => m.body)).toEqual(['Only once, please']);
    const [message] = (await t.request('GET', `/api/v1/conversations/${conversationId}/messages`, { token: setup.admin.token })).body.items.filter((m: { direction: string }) => m.direction === 'outbound');
    expect(message).toMatchObject({ twilioSid: first.sid, status: 'sent' });
    const outbox = await t.ctx.db.selectFrom('outbox').select('state').where('message_id', '=', sent.body.id).executeTakeFirstOrThrow();
    expect(outbox.state).toBe('done');
  });
});
