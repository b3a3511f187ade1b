import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { runOutboxOnce } from '../../src/server/outbox/worker.js';
import type { RealtimeEvent } from '../../src/server/realtime/event-bus.js';

describe.each(dbKinds)('agent actions: notes, customer edits, retries (%s)', (kind) => {
  let t: TestApp;
  let fake: FakeTwilio;
  let setup: WhatsappSetup;
  let outsider: { id: string; token: string };
  let supervisor: { id: string; token: string };
  const events: RealtimeEvent[] = [];
  const drain = () => runOutboxOnce(t.ctx);

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    t = await startTestApp(kind, { config: { twilioApiBaseUrl: fake.baseUrl } });
    setup = await setupWhatsapp(t);
    outsider = await t.userWithToken('agent', { name: 'Billing agent' });
    supervisor = await t.userWithToken('supervisor');
    await t.request('POST', '/api/v1/queues', { token: setup.admin.token, body: { name: 'Billing', agentIds: [outsider.id] } });
    t.ctx.events.subscribe((e) => events.push(e));
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  async function activeConversation(from: string) {
    const { conversationId } = await customerWrites(t, setup, { from });
    const picked = await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token });
    expect(picked.status).toBe(200);
    return { conversationId, contactId: picked.body.customer.id as string };
  }
  const messagesOf = async (conversationId: string) =>
    (await t.request('GET', `/api/v1/conversations/${conversationId}/messages`, { token: setup.agent.token })).body.items as any[];
  const failedReply = async (conversationId: string, body: unknown) => {
    fake.script.push({ kind: 'error', status: 400, code: 63016, message: 'Failed to send freeform message because you are outside the allowed window.' });
    const sent = await t.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: setup.agent.token, body });
    expect(sent.status).toBe(201);
    await drain();
    expect((await messagesOf(conversationId)).find((m) => m.id === sent.body.id)).toMatchObject({ status: 'failed', errorCode: 63016 });
    return sent.body.id as string;
  };
  const retry = (conversationId: string, messageId: string, token = setup.agent.token) =>
    t.request('POST', `/api/v1/conversations/${conversationId}/messages/${messageId}/retry`, { token });

  describe('private notes', () => {
    it('stores a note, lists it, pushes it to the team and never sends it to the customer', async () => {
      const { conversationId } = await activeConversation('+15550100001');
      const before = fake.requests.length;
      const added = await t.request('POST', `/api/v1/conversations/${conversationId}/notes`, { token: setup.agent.token, body: { body: '  Customer is a VIP  ' } });
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ conversationId, authorUserId: setup.agent.id, body: 'Customer is a VIP' });
      const listed = await t.request('GET', `/api/v1/conversations/${conversationId}/notes`, { token: setup.agent.token });
      expect(listed.body.items.map((n: { body: string }) => n.body)).toEqual(['Customer is a VIP']);
      const timeline = await t.request('GET', `/api/v1/conversations/${conversationId}/timeline`, { token: setup.agent.token });
      expect(timeline.body.items.some((e: { type: string; data: { body?: string } }) => e.type === 'note' && e.data.body === 'Customer is a VIP')).toBe(true);
      const pushed = events.find((e) => e.type === 'conversation.note' && (e.data.note as { id: number }).id === added.body.id);
      expect(pushed?.audience).toEqual({ queueId: setup.queueId, agentId: setup.agent.id, participantIds: [] });
      expect((await messagesOf(conversationId)).filter((m) => m.direction === 'outbound')).toHaveLength(0);
      expect(await drain()).toBe(0);
      expect(fake.requests.length).toBe(before);
    });

    it('lets a supervisor add a note and hides the conversation from an agent of another queue', async () => {
      const { conversationId } = await activeConversation('+15550100002');
      const bySupervisor = await t.request('POST', `/api/v1/conversations/${conversationId}/notes`, { token: supervisor.token, body: { body: 'Checked by QA' } });
      expect(bySupervisor.status).toBe(201);
      const write = await t.request('POST', `/api/v1/conversations/${conversationId}/notes`, { token: outsider.token, body: { body: 'sneaky' } });
      expect(write.status).toBe(404);
      const read = await t.request('GET', `/api/v1/conversations/${conversationId}/notes`, { token: outsider.token });
      expect(read.status).toBe(404);
      const notes = await t.request('GET', `/api/v1/conversations/${conversationId}/notes`, { token: setup.admin.token });
      expect(notes.body.items.map((n: { body: string }) => n.body)).toEqual(['Checked by QA']);
    });

    it('refuses blank, oversized or malformed notes and stores nothing', async () => {
      const { conversationId } = await activeConversation('+15550100003');
      for (const body of [{ body: '   ' }, { body: '' }, { body: 'x'.repeat(4001) }, { text: 'wrong field' }, { body: 'ok', extra: 1 }]) {
        const res = await t.request('POST', `/api/v1/conversations/${conversationId}/notes`, { token: setup.agent.token, body });
        expect(res.status, JSON.stringify(body).slice(0, 40)).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.body.error.code).toBeTruthy();
      }
      const notes = await t.request('GET', `/api/v1/conversations/${conversationId}/notes`, { token: setup.agent.token });
      expect(notes.body.items).toEqual([]);
    });
  });

  describe("editing the customer's details", () => {
    it('updates name, language and attributes and pushes the new name with the conversation', async () => {
      const { conversationId, contactId } = await activeConversation('+15550100011');
      const res = await t.request('PATCH', `/api/v1/contacts/${contactId}`, {
        token: setup.agent.token,
        body: { name: ' Ada King ', language: 'ko', attributes: { plan: 'Gold', city: 'Seoul' } },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: contactId, name: 'Ada King', language: 'ko', profileName: 'Ada Lovelace', attributes: { plan: 'Gold', city: 'Seoul' } });
      const view = await t.request('GET', `/api/v1/conversations/${conversationId}`, { token: setup.agent.token });
      expect(view.body.customer).toMatchObject({ name: 'Ada King', language: 'ko' });
      const pushed = events.filter((e) => e.type === 'conversation.updated' && (e.data.conversation as { id: string }).id === conversationId).at(-1);
      expect((pushed?.data.conversation as { customer: { name: string } }).customer.name).toBe('Ada King');
      const partial = await t.request('PATCH', `/api/v1/contacts/${contactId}`, { token: supervisor.token, body: { name: null } });
      expect(partial.status).toBe(200);
      expect(partial.body).toMatchObject({ name: null, language: 'ko', attributes: { plan: 'Gold', city: 'Seoul' } });
    });

    it('hides the customer from an agent of another queue', async () => {
      const { contactId } = await activeConversation('+15550100012');
      const res = await t.request('PATCH', `/api/v1/contacts/${contactId}`, { token: outsider.token, body: { name: 'Mallory' } });
      expect(res.status).toBe(404);
      expect((await t.request('GET', `/api/v1/contacts/${contactId}`, { token: outsider.token })).status).toBe(404);
      const contact = await t.request('GET', `/api/v1/contacts/${contactId}`, { token: setup.agent.token });
      expect(contact.body.name).toBe('Ada Lovelace');
    });

    it('refuses a bad language, non-text attributes and unknown fields, changing nothing', async () => {
      const { contactId } = await activeConversation('+15550100013');
      for (const body of [{ language: 'English' }, { language: '<b>' }, { attributes: { plan: { tier: 'gold' } } }, { phone: '+1999' }, {}, { name: 'x'.repeat(201) }]) {
        const res = await t.request('PATCH', `/api/v1/contacts/${contactId}`, { token: setup.agent.token, body });
        expect(res.status, JSON.stringify(body).slice(0, 40)).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }
      const contact = await t.request('GET', `/api/v1/contacts/${contactId}`, { token: setup.agent.token });
      expect(contact.body).toMatchObject({ name: 'Ada Lovelace', language: null, attributes: {} });
      const missing = await t.request('PATCH', '/api/v1/contacts/00000000-0000-4000-8000-000000000000', { token: setup.admin.token, body: { name: 'Nobody' } });
      expect(missing.status).toBe(404);
    });
  });

  describe('retrying a failed message', () => {
    it('re-queues the same message, clears the error and sends it once more', async () => {
      const { conversationId } = await activeConversation('+15550100021');
      const messageId = await failedReply(conversationId, { body: 'Your parcel ships today' });
      const res = await retry(conversationId, messageId);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ id: messageId, status: 'queued' });
      const requeued = (await messagesOf(conversationId)).filter((m) => m.direction === 'outbound');
      expect(requeued).toHaveLength(1);
      expect(requeued[0]).toMatchObject({ id: messageId, status: 'queued', errorCode: null, errorMessage: null, twilioSid: null });
      const history = await t.ctx.db.selectFrom('message_events').select('type').where('message_id', '=', messageId).orderBy('id').execute();
      expect(history.map((e) => e.type)).toContain('retried');
      expect(events.some((e) => e.type === 'message.updated' && (e.data.message as { id: string; status: string }).id === messageId && (e.data.message as { status: string }).status === 'queued')).toBe(true);
      const before = fake.requests.length;
      expect(await drain()).toBe(1);
      expect(fake.requests.length).toBe(before + 1);
      expect(fake.requests.at(-1)!.form.get('Body')).toBe('Your parcel ships today');
      const sent = (await messagesOf(conversationId)).find((m) => m.id === messageId);
      expect(sent.status).not.toBe('failed');
      expect(sent.twilioSid).toBe(fake.messages.at(-1)!.sid);
      const again = await retry(conversationId, messageId);
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('MESSAGE_NOT_RETRYABLE');
    });

    it('does not mistake a late callback for the attempt before the retry for news about the new one', async () => {
      const { conversationId } = await activeConversation('+15550100029');
      const sent = await t.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: setup.agent.token, body: { body: 'First try' } });
      await drain();
      const firstSid = fake.messages.at(-1)!.sid;
      await fake.sendStatusCallback(firstSid, 'undelivered', { ErrorCode: '30003', ErrorMessage: 'Unreachable destination handset' });
      expect((await retry(conversationId, sent.body.id)).status).toBe(200);
      expect(await fake.sendStatusCallback(firstSid, 'delivered')).toBe(200);
      const message = (await messagesOf(conversationId)).find((m) => m.id === sent.body.id);
      expect(message).toMatchObject({ status: 'queued', twilioSid: null });
      await drain(); // the new attempt goes out and gets its own sid
      expect((await messagesOf(conversationId)).find((m) => m.id === sent.body.id).twilioSid).not.toBe(firstSid);
    });

    it('refuses a free-form retry once the window has closed, but retries an approved template', async () => {
      const { conversationId } = await activeConversation('+15550100022');
      const text = await failedReply(conversationId, { body: 'Are you there?' });
      const template = await t.request('POST', '/api/v1/templates', {
        token: setup.admin.token,
        body: { name: 'retry_followup', defaultLanguage: 'en', text: 'Hi {{1}}, any news?', localizations: [{ language: 'en', text: 'Hi {{1}}, any news?', contentSid: 'HX' + '3'.repeat(32) }] },
      });
      expect(template.status).toBe(201);
      const templated = await failedReply(conversationId, { templateId: template.body.id, variables: { '1': 'Ada' } });
      await t.ctx.db.updateTable('conversations').set({ last_inbound_at: new Date(Date.now() - 25 * 3600_000) }).where('id', '=', conversationId).execute();

      const refused = await retry(conversationId, text);
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('WHATSAPP_WINDOW_CLOSED');
      expect((await messagesOf(conversationId)).find((m) => m.id === text)).toMatchObject({ status: 'failed', errorCode: 63016 });

      const allowed = await retry(conversationId, templated);
      expect(allowed.status).toBe(200);
      expect(await drain()).toBe(1);
      expect(fake.requests.at(-1)!.form.get('ContentSid')).toBe('HX' + '3'.repeat(32));
    });

    it('answers 404 to another queue, 409 for inbound or unknown-state messages, 400 for bad ids', async () => {
      const { conversationId } = await activeConversation('+15550100023');
      const messageId = await failedReply(conversationId, { body: 'One more try' });
      expect((await retry(conversationId, messageId, outsider.token)).status).toBe(404);
      const inbound = (await messagesOf(conversationId)).find((m) => m.direction === 'inbound');
      const onInbound = await retry(conversationId, inbound.id);
      expect(onInbound.status).toBe(409);
      expect((await retry(conversationId, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await retry(conversationId, 'not-a-uuid')).status).toBe(400);
      const other = await activeConversation('+15550100024');
      expect((await retry(other.conversationId, messageId)).status).toBe(404);
      expect((await messagesOf(conversationId)).find((m) => m.id === messageId)).toMatchObject({ status: 'failed' });
    });
  });

  it('gives every view of a conversation a version that rises with each change, the same in answers and events', async () => {
    const { conversationId } = await activeConversation('+15550100041');
    const versionNow = async () => (await t.request('GET', `/api/v1/conversations/${conversationId}`, { token: setup.agent.token })).body.version as number;
    const picked = await versionNow();
    const waiting = await t.request('POST', `/api/v1/conversations/${conversationId}/wait`, { token: setup.agent.token });
    expect(waiting.body).toMatchObject({ state: 'waiting' });
    expect(waiting.body.version).toBeGreaterThan(picked);
    const event = events.findLast((e) => e.type === 'conversation.updated' && (e.data.conversation as { id: string }).id === conversationId);
    expect(event?.data.conversation).toMatchObject({ state: 'waiting', version: waiting.body.version });
    await customerWrites(t, setup, { from: '+15550100041', body: 'Still there?' });
    expect(await versionNow()).toBeGreaterThan(waiting.body.version);
  });

  it("says who wrote the list's last message: the writer's id and name, none for the customer's", async () => {
    const { conversationId } = await activeConversation('+15550100051');
    const lastOf = async () => (await t.request('GET', `/api/v1/conversations/${conversationId}`, { token: setup.agent.token })).body.lastMessage;
    expect(await lastOf()).toMatchObject({ direction: 'inbound', senderUserId: null, senderName: null });
    const sent = await t.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: setup.agent.token, body: { body: 'On its way' } });
    expect(sent.status).toBe(201);
    expect(await lastOf()).toMatchObject({ direction: 'outbound', body: 'On its way', senderUserId: setup.agent.id, senderName: 'Grace Agent' });
  });

  it("tells the composer whether the workstream allows agents' attachments", async () => {
    const { conversationId } = await activeConversation('+15550100031');
    const before = await t.request('GET', `/api/v1/conversations/${conversationId}`, { token: setup.agent.token });
    expect(before.body.agentAttachments).toBe(true);
    const off = await t.request('PATCH', `/api/v1/workstreams/${before.body.workstreamId}`, { token: setup.admin.token, body: { whatsapp: { agentAttachments: false } } });
    expect(off.status).toBe(200);
    const after = await t.request('GET', `/api/v1/conversations/${conversationId}`, { token: setup.agent.token });
    expect(after.body.agentAttachments).toBe(false);
    await t.request('PATCH', `/api/v1/workstreams/${before.body.workstreamId}`, { token: setup.admin.token, body: { whatsapp: { agentAttachments: true } } });
  });
});
