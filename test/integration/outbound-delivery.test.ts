import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { runOutboxOnce } from '../../src/server/outbox/worker.js';
import { claimDueEntries } from '../../src/server/outbox/claim.js';
import { validateTwilioRequest } from '../helpers/twilio-contract.js';
import twilio from 'twilio';
import { senderPacingOf } from '../../src/server/outbox/sender-pacing.js';

describe.each(dbKinds)('outbound messages and delivery status (%s)', (kind) => {
  let t: TestApp;
  let fake: FakeTwilio;
  let setup: WhatsappSetup;
  const drain = () => runOutboxOnce(t.ctx);

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    t = await startTestApp(kind, { config: { twilioApiBaseUrl: fake.baseUrl } });
    setup = await setupWhatsapp(t);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  async function activeConversation(from: string) {
    const { conversationId } = await customerWrites(t, setup, { from });
    const picked = await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token });
    expect(picked.status).toBe(200);
    return conversationId;
  }
  const messagesOf = async (conversationId: string) =>
    (await t.request('GET', `/api/v1/conversations/${conversationId}/messages`, { token: setup.agent.token })).body.items as any[];
  const reply = (conversationId: string, body: unknown) => t.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: setup.agent.token, body });

  it('sends a reply inside the window from the WhatsApp number with a status callback', async () => {
    const id = await activeConversation('+15550000001');
    const sent = await reply(id, { body: 'Sorry to hear that! Let me check.' });
    expect(sent.status).toBe(201);
    expect(sent.body.status).toBe('queued');
    expect(await drain()).toBe(1);
    const request = fake.requests.at(-1)!;
    expect(request.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(Object.fromEntries(request.form)).toMatchObject({ To: 'whatsapp:+15550000001', From: 'whatsapp:+14155238886', Body: 'Sorry to hear that! Let me check.' });
    expect(request.form.get('StatusCallback')).toBe(`${setup.statusCallbackUrl}?m=${sent.body.id}`);
    expect(validateTwilioRequest({ method: 'POST', path: request.path, form: request.form })).toEqual([]);
    const outbound = (await messagesOf(id)).find((m) => m.id === sent.body.id);
    expect(outbound.twilioSid).toBe(fake.messages.at(-1)!.sid);
  });

  it("sends a conversation's replies in the order they were written, and records every answer with its sid and one update each", async () => {
    const id = await activeConversation('+15550000031');
    const written = Array.from({ length: 12 }, (_, i) => `Step ${i + 1} of 12`);
    const ids: string[] = [];
    for (const body of written) ids.push((await reply(id, { body })).body.id);
    // Queued in the same instant (one commit of a bulk send), the rows stored newest first: the order must still hold.
    const sameInstant = new Date(Date.now() - 1000);
    for (const messageId of [...ids].reverse()) await t.ctx.db.updateTable('outbox').set({ next_attempt_at: sameInstant }).where('message_id', '=', messageId).execute();
    const updates: string[] = [];
    const unsubscribe = t.ctx.events.subscribe((e) => {
      if (e.type === 'message.updated') updates.push((e.data.message as { id: string }).id);
    });
    const before = fake.requests.length;
    try {
      expect(await drain()).toBe(12);
    } finally {
      unsubscribe();
    }
    expect(fake.requests.slice(before).map((r) => r.form.get('Body'))).toEqual(written);
    const stored = (await messagesOf(id)).filter((m) => ids.includes(m.id));
    expect(stored.map((m) => m.twilioSid)).toEqual(ids.map((_, i) => fake.messages.at(i - 12)!.sid));
    expect(updates.sort()).toEqual([...ids].sort());
    const accepted = await t.ctx.db.selectFrom('message_events').select('message_id').where('message_id', 'in', ids).where('type', '=', 'twilio-accepted').execute();
    expect(accepted.map((e) => e.message_id).sort()).toEqual([...ids].sort());
  });

  it("sends a customer's next message only once Twilio answered the one before, other customers' messages meanwhile", async () => {
    const first = await activeConversation('+15550000032');
    const second = await activeConversation('+15550000033');
    for (const n of [1, 2, 3]) for (const id of [first, second]) expect((await reply(id, { body: `Part ${n}` })).status).toBe(201);
    const before = fake.requests.length;
    fake.sendDelayMs = 150;
    try {
      expect(await drain()).toBe(6);
    } finally {
      fake.sendDelayMs = 0;
    }
    const sent = fake.requests.slice(before).map((r) => ({ to: r.form.get('To'), body: r.form.get('Body'), at: r.receivedAt }));
    for (const customer of ['whatsapp:+15550000032', 'whatsapp:+15550000033']) {
      const theirs = sent.filter((s) => s.to === customer);
      expect(theirs.map((s) => s.body)).toEqual(['Part 1', 'Part 2', 'Part 3']);
      // Each goes after the answer to the one before (150 ms; Date.now() may round a millisecond away).
      for (let i = 1; i < theirs.length; i++) expect(theirs[i].at - theirs[i - 1].at).toBeGreaterThanOrEqual(149);
    }
    // The two customers do not wait for each other: both first messages went before either second one.
    expect(sent.slice(0, 2).map((s) => s.body)).toEqual(['Part 1', 'Part 1']);
  });

  it('refuses a free-form reply outside the window and queues nothing', async () => {
    const id = await activeConversation('+15550000002');
    await t.ctx.db.updateTable('conversations').set({ last_inbound_at: new Date(Date.now() - 25 * 3600_000) }).where('id', '=', id).execute();
    const before = fake.requests.length;
    const refused = await reply(id, { body: 'Are you still there?' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('WHATSAPP_WINDOW_CLOSED');
    expect(refused.body.error.message).toMatch(/template/);
    expect((await messagesOf(id)).filter((m) => m.direction === 'outbound')).toHaveLength(0);
    expect(await drain()).toBe(0);
    expect(fake.requests.length).toBe(before);
  });

  it('sends a template outside the window as ContentSid + ContentVariables, in the customer language', async () => {
    const template = await t.request('POST', '/api/v1/templates', {
      token: setup.admin.token,
      body: {
        name: 'parcel_update',
        defaultLanguage: 'en',
        text: 'Hi {{1}}, parcel {{2}} is on its way.',
        localizations: [
          { language: 'en', text: 'Hi {{1}}, parcel {{2}} is on its way.', contentSid: 'HX' + '1'.repeat(32) },
          { language: 'ko', text: '{{1}}님, 소포 {{2}}이(가) 배송 중입니다.', contentSid: 'HX' + '2'.repeat(32) },
        ],
      },
    });
    expect(template.status).toBe(201);
    const id = await activeConversation('+15550000003');
    await t.ctx.db.updateTable('conversations').set({ last_inbound_at: new Date(Date.now() - 48 * 3600_000) }).where('id', '=', id).execute();
    const contact = await t.ctx.db.selectFrom('conversations').select('contact_id').where('id', '=', id).executeTakeFirstOrThrow();
    await t.ctx.db.updateTable('contacts').set({ language: 'ko' }).where('id', '=', contact.contact_id).execute();

    const missing = await reply(id, { templateId: template.body.id, variables: { '1': 'Ada' } });
    expect(missing.status).toBe(422);
    expect(missing.body.error.message).toContain('{{2}}');

    const sent = await reply(id, { templateId: template.body.id, variables: { '1': 'Ada', '2': 'ZX-42' } });
    expect(sent.status).toBe(201);
    await drain();
    const form = fake.requests.at(-1)!.form;
    expect(form.get('ContentSid')).toBe('HX' + '2'.repeat(32));
    expect(JSON.parse(form.get('ContentVariables')!)).toEqual({ '1': 'Ada', '2': 'ZX-42' });
    expect(form.has('Body')).toBe(false);
    expect(validateTwilioRequest({ method: 'POST', path: fake.requests.at(-1)!.path, form })).toEqual([]);
    const stored = (await messagesOf(id)).find((m) => m.id === sent.body.id);
    expect(stored.body).toBe('Ada님, 소포 ZX-42이(가) 배송 중입니다.');
  });

  it('never moves a status backwards when callbacks arrive out of order', async () => {
    const id = await activeConversation('+15550000004');
    const sent = await reply(id, { body: 'Your parcel arrives today.' });
    await drain();
    const sid = fake.messages.at(-1)!.sid;
    expect(await fake.sendStatusCallback(sid, 'read')).toBe(200);
    expect(await fake.sendStatusCallback(sid, 'delivered')).toBe(200);
    expect(await fake.sendStatusCallback(sid, 'sent')).toBe(200);
    const stored = (await messagesOf(id)).find((m) => m.id === sent.body.id);
    expect(stored.status).toBe('read');
  });

  it('refuses a status callback with a forged signature and changes nothing', async () => {
    const id = await activeConversation('+15550000012');
    const sent = await reply(id, { body: 'Forgery check' });
    await drain();
    const sid = fake.messages.at(-1)!.sid;
    const params = { MessageSid: sid, MessageStatus: 'read', AccountSid: ACCOUNT_SID };
    const url = `${setup.statusCallbackUrl}?m=${sent.body.id}`;
    const forged = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature('not-the-token', url, params) },
      body: new URLSearchParams(params).toString(),
    });
    expect(forged.status).toBe(403);
    expect((await messagesOf(id)).find((m) => m.id === sent.body.id).status).toBe('queued');
  });

  it('keeps a callback that arrives before the send call returns, and applies it', async () => {
    const id = await activeConversation('+15550000005');
    fake.script.push({ kind: 'callbacks-first', statuses: ['sent', 'delivered'] });
    const sent = await reply(id, { body: 'Fast network today.' });
    await drain();
    const stored = (await messagesOf(id)).find((m) => m.id === sent.body.id);
    expect(stored.status).toBe('delivered');
    expect(stored.twilioSid).toBe(fake.messages.at(-1)!.sid);
  });

  it("fails a message Twilio rejects, keeping Twilio's code and a human sentence", async () => {
    const id = await activeConversation('+15550000006');
    fake.script.push({ kind: 'error', status: 400, code: 21211, message: "The 'To' number whatsapp:+15550000006 is not a valid phone number." });
    const sent = await reply(id, { body: 'Hello?' });
    await drain();
    const stored = (await messagesOf(id)).find((m) => m.id === sent.body.id);
    expect(stored).toMatchObject({ status: 'failed', errorCode: 21211 });
    expect(stored.errorMessage).toMatch(/phone number is not valid/);
  });

  it('records a failed delivery callback with its error code', async () => {
    const id = await activeConversation('+15550000007');
    const sent = await reply(id, { body: 'Status check' });
    await drain();
    const sid = fake.messages.at(-1)!.sid;
    await fake.sendStatusCallback(sid, 'sent');
    await fake.sendStatusCallback(sid, 'failed', { ErrorCode: '63016', ErrorMessage: 'Failed to send freeform message because you are outside the allowed window.' });
    const stored = (await messagesOf(id)).find((m) => m.id === sent.body.id);
    expect(stored).toMatchObject({ status: 'failed', errorCode: 63016 });
    expect(stored.errorMessage).toMatch(/24-hour/);
  });

  it("announces every message of a burst of status callbacks with its latest status, before each callback's answer", async () => {
    const id = await activeConversation('+15550000041');
    const sent: string[] = [];
    for (const body of ['One', 'Two', 'Three']) sent.push((await reply(id, { body })).body.id as string);
    await drain();
    const sids = fake.messages.slice(-3).map((m) => m.sid);
    const heard = new Map<string, string[]>();
    const unsubscribe = t.ctx.events.subscribe((e) => {
      const message = e.data.message as { id: string; status: string } | undefined;
      if (e.type === 'message.updated' && message && sent.includes(message.id)) heard.set(message.id, [...(heard.get(message.id) ?? []), message.status]);
    });
    try {
      const answers = await Promise.all(sids.flatMap((sid) => [fake.sendStatusCallback(sid, 'sent'), fake.sendStatusCallback(sid, 'delivered')]));
      expect(answers).toEqual(Array(6).fill(200));
      // Each answer came after its event: nothing is left to arrive.
      for (const messageId of sent) expect(heard.get(messageId)?.at(-1)).toBe('delivered');
    } finally {
      unsubscribe();
    }
  });

  it.runIf(kind === 'postgres')('applies a status callback while its conversation and number are locked by other work (only the message is locked)', async () => {
    const id = await activeConversation('+15550000042');
    const sent = await reply(id, { body: 'Lock check' });
    await drain();
    const sid = fake.messages.at(-1)!.sid;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    // Another transaction (an inbound message being stored, a transfer) holds the conversation's and the number's rows.
    const holder = t.ctx.db.transaction().execute(async (tx) => {
      const conversation = await tx.selectFrom('conversations').select('number_id').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
      await tx.selectFrom('numbers').select('id').where('id', '=', conversation.number_id).forUpdate().execute();
      locked();
      await held;
    });
    await lockTaken;
    try {
      const answered = await Promise.race([fake.sendStatusCallback(sid, 'delivered'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 5000))]);
      expect(answered).toBe(200);
    } finally {
      release();
      await holder;
    }
    expect((await messagesOf(id)).find((m) => m.id === sent.body.id).status).toBe('delivered');
  });

  it('retries a 429 with backoff and sends the message once', async () => {
    const id = await activeConversation('+15550000008');
    fake.script.push({ kind: 'error', status: 429, code: 20429, message: 'Too Many Requests' });
    const sent = await reply(id, { body: 'Busy day' });
    const posts = () => fake.requests.filter((r) => r.method === 'POST' && r.form.get('Body') === 'Busy day').length;
    await drain();
    expect(posts()).toBe(1);
    const entry = await t.ctx.db.selectFrom('outbox').selectAll().where('message_id', '=', sent.body.id).executeTakeFirstOrThrow();
    expect(entry.state).toBe('pending');
    expect(entry.next_attempt_at.getTime()).toBeGreaterThan(Date.now());
    expect(await drain()).toBe(0); // not due yet: backoff
    await t.ctx.db.updateTable('outbox').set({ next_attempt_at: new Date() }).where('message_id', '=', sent.body.id).execute();
    await drain();
    expect(posts()).toBe(2);
    expect(fake.messages.filter((m) => m.body === 'Busy day')).toHaveLength(1);
    expect((await messagesOf(id)).find((m) => m.id === sent.body.id).twilioSid).toBeTruthy();
  });

  it('reconciles a send whose answer was lost instead of sending it twice', async () => {
    const id = await activeConversation('+15550000009');
    fake.script.push({ kind: 'accept-then-500' });
    const sent = await reply(id, { body: 'Lost answer' });
    await drain();
    await t.ctx.db.updateTable('outbox').set({ next_attempt_at: new Date() }).where('message_id', '=', sent.body.id).execute();
    await drain();
    expect(fake.messages.filter((m) => m.body === 'Lost answer')).toHaveLength(1);
    const stored = (await messagesOf(id)).find((m) => m.id === sent.body.id);
    expect(stored.twilioSid).toBe(fake.messages.find((m) => m.body === 'Lost answer')!.sid);
    const events = await t.ctx.db.selectFrom('message_events').select(['type', 'detail']).where('message_id', '=', sent.body.id).execute();
    expect(events.map((e) => e.type)).toContain('reconciled');
  });

  it('neither loses nor duplicates a message when its worker dies mid-send', async () => {
    const id = await activeConversation('+15550000010');
    const sent = await reply(id, { body: 'Worker crash' });
    // A worker claims the entry and its request reaches Twilio; then the process dies before recording anything.
    const [claimed] = await claimDueEntries(t.ctx.db, t.ctx.now(), 10, senderPacingOf(t.ctx).owner);
    expect(claimed.message_id).toBe(sent.body.id);
    fake.script.push({ kind: 'accept-then-drop' });
    await t.ctx.twilio
      .sendMessage({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: fake.baseUrl }, { To: 'whatsapp:+15550000010', From: 'whatsapp:+14155238886', Body: 'Worker crash' })
      .catch(() => undefined);
    expect(await drain()).toBe(0); // the dead worker's claim still holds
    // After the claim expires another worker takes over, asks Twilio, and adopts the message.
    const realNow = t.ctx.now;
    t.ctx.now = () => new Date(Date.now() + 61_000);
    try {
      expect(await drain()).toBe(1);
    } finally {
      t.ctx.now = realNow;
    }
    expect(fake.messages.filter((m) => m.body === 'Worker crash')).toHaveLength(1);
    const stored = (await messagesOf(id)).find((m) => m.id === sent.body.id);
    expect(stored.twilioSid).toBe(fake.messages.find((m) => m.body === 'Worker crash')!.sid);
  });

  it('sends a message whose dying worker never reached Twilio, exactly once', async () => {
    const id = await activeConversation('+15550000011');
    const sent = await reply(id, { body: 'Never left' });
    await claimDueEntries(t.ctx.db, t.ctx.now(), 10, senderPacingOf(t.ctx).owner);
    const realNow = t.ctx.now;
    t.ctx.now = () => new Date(Date.now() + 61_000);
    try {
      expect(await drain()).toBe(1);
    } finally {
      t.ctx.now = realNow;
    }
    expect(fake.messages.filter((m) => m.body === 'Never left')).toHaveLength(1);
    // Every request this file made to "Twilio" (sends, reconciliation lists) is one Twilio documents.
    for (const r of fake.requests) expect(validateTwilioRequest({ method: r.method, path: r.path, form: r.form, query: r.query }), `${r.method} ${r.path}`).toEqual([]);
    expect((await messagesOf(id)).find((m) => m.id === sent.body.id).twilioSid).toBeTruthy();
  });
});
