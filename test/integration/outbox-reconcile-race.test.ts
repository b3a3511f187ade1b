import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { untilOneWaitsForALock } from '../helpers/lock-waits.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { runOutboxOnce } from '../../src/server/outbox/worker.js';
import { adoptSid, adoptSids } from '../../src/server/conversations/apply-delivery-status.js';

describe.each(dbKinds)('races over a sent message\'s sid (%s)', (kind) => {
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

  // Found by the soak suite: a send whose answer was lost, then a status callback of that send
  // arriving while the retry was already under way, made the retry send the message a second time.
  it('a lost send answer, then its callback racing the retry: adopts the sid the callback brought instead of sending again', async () => {
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

  // Found by the soak suite: a status callback that brings a message's sid (it locked the message)
  // and the dispatcher recording Twilio's answer for the same message deadlocked, and one failed.
  // Two transactions at once: PostgreSQL only.
  it.skipIf(kind !== 'postgres')('a status callback and Twilio\'s answer adopting the same sid at once: both commit, the sid is recorded and the outbox entry closed', async () => {
    const { conversationId } = await customerWrites(t, setup, { from: '+15550005002' });
    const sent = await t.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: setup.admin.token, body: { body: 'Adopted once' } });
    expect(sent.status).toBe(201);
    const messageId: string = sent.body.id;
    const sid = 'SM' + 'a1'.repeat(16);

    // The callback's transaction holds the message, as its lookup does, and adopts after the dispatcher started.
    let adoptInCallback!: () => void;
    let locked!: () => void;
    const messageLocked = new Promise<void>((resolve) => (locked = resolve));
    const callback = t.ctx.db.transaction().execute(async (tx) => {
      await tx.selectFrom('messages').select('id').where('id', '=', messageId).forUpdate().execute();
      locked();
      await new Promise<void>((resolve) => (adoptInCallback = resolve));
      await adoptSid(tx, messageId, sid, 'status callback');
    });
    await messageLocked;
    const dispatcher = t.ctx.db.transaction().execute((tx) => adoptSids(tx, [{ messageId, sid, how: "Twilio's answer" }]));
    try {
      await untilOneWaitsForALock(t.ctx.db);
    } finally {
      adoptInCallback();
    }

    await expect(callback).resolves.toBeUndefined();
    await expect(dispatcher).resolves.toBeInstanceOf(Set);
    const message = await t.ctx.db.selectFrom('messages').select('provider_sid').where('id', '=', messageId).executeTakeFirstOrThrow();
    expect(message.provider_sid).toBe(sid);
    const outbox = await t.ctx.db.selectFrom('outbox').select('state').where('message_id', '=', messageId).executeTakeFirstOrThrow();
    expect(outbox.state).toBe('done');
  });
});
