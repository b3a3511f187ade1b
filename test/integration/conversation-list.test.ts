import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { customerWrites, setupChannel, type WhatsappSetup } from '../helpers/scenario.js';
import type { RealtimeEvent } from '../../src/server/realtime/event-bus.js';

/** The agent's list: filters by state, queue and channel, the closed view a page at a time, search results naming their matching message, the customer's language. */
describe.each(dbKinds)('conversation list (%s)', (kind) => {
  let t: TestApp;
  let setup: WhatsappSetup;
  let billing: { id: string; token: string };
  let billingQueueId: string;
  const events: RealtimeEvent[] = [];
  let clockMs = Date.parse('2026-03-02T09:00:00Z');

  beforeAll(async () => {
    t = await startTestApp(kind);
    // Time moves only when a test says so: the closed view's order is by close time.
    t.ctx.now = () => new Date(clockMs);
    setup = await setupChannel(t, 'sms');
    const whatsapp = await t.request('POST', '/api/v1/workstreams', {
      token: setup.admin.token,
      body: { name: 'Support on WhatsApp', channel: 'whatsapp', mode: 'pick', fallbackQueueId: setup.queueId, capacityPerConversation: 1, whatsapp: { numberId: setup.numberId } },
    });
    expect(whatsapp.status).toBe(201);
    billing = await t.userWithToken('agent', { name: 'Billing agent' });
    const queue = await t.request('POST', '/api/v1/queues', { token: setup.admin.token, body: { name: 'Billing', agentIds: [billing.id] } });
    billingQueueId = queue.body.id;
    t.ctx.events.subscribe((e) => events.push(e));
  });
  afterAll(async () => {
    await t?.close();
  });

  const list = (query: string, token = setup.agent.token) => t.request('GET', `/api/v1/conversations?${query}`, { token });
  const idsOf = (answer: { body: { items: { id: string }[] } }) => answer.body.items.map((c) => c.id);
  const tick = () => (clockMs += 60_000);

  it('filters by state, queue and channel, alone and together', async () => {
    const sms = await customerWrites(t, setup, { from: '+15550007001', body: 'By text message', channel: 'sms' });
    const wa = await customerWrites(t, setup, { from: '+15550007002', body: 'On WhatsApp', channel: 'whatsapp' });
    const moved = await customerWrites(t, setup, { from: '+15550007003', body: 'About my invoice', channel: 'whatsapp' });
    const transfer = await t.request('POST', `/api/v1/conversations/${moved.conversationId}/transfer`, { token: setup.admin.token, body: { queueId: billingQueueId } });
    expect(transfer.status).toBe(200);

    const smsOnly = await list('state=open&channel=sms', setup.admin.token);
    expect(smsOnly.status).toBe(200);
    expect(idsOf(smsOnly)).toEqual([sms.conversationId]);
    expect(idsOf(await list('state=open&channel=whatsapp', setup.admin.token)).sort()).toEqual([wa.conversationId, moved.conversationId].sort());
    expect(idsOf(await list('channel=sms,whatsapp', setup.admin.token))).toHaveLength(3);
    expect(idsOf(await list(`queueId=${billingQueueId}`, setup.admin.token))).toEqual([moved.conversationId]);
    expect(idsOf(await list(`queueId=${setup.queueId}&channel=whatsapp`, setup.admin.token))).toEqual([wa.conversationId]);
    // An agent's filters never widen what they see: the billing queue is not theirs.
    expect(idsOf(await list(`queueId=${billingQueueId}`))).toEqual([]);
    expect(idsOf(await list('state=active&channel=sms', setup.admin.token))).toEqual([]);
  });

  it('refuses a filter it does not know, naming the field', async () => {
    for (const [query, field] of [['channel=fax', 'channel'], ['state=gone', 'state'], ['queueId=billing', 'queueId'], ['view=archived', 'view'], ['view=closed&before=yesterday', 'before']] as const) {
      const answer = await list(query);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.field, query).toBe(field);
    }
    const mixed = await list('view=closed&state=open');
    expect(mixed.status).toBe(422);
    expect(mixed.body.error.field).toBe('state');
    const cursorWithoutView = await list(`before=2026-03-02T09:00:00.000Z~${setup.queueId}`);
    expect(cursorWithoutView.status).toBe(422);
    expect(cursorWithoutView.body.error.field).toBe('before');
  });

  it('pages through the closed conversations the agent may see, most recently closed first', async () => {
    const closedIds: string[] = [];
    for (const n of [1, 2, 3]) {
      const { conversationId } = await customerWrites(t, setup, { from: `+1555000710${n}`, body: `Closed one ${n}`, channel: n === 2 ? 'sms' : 'whatsapp' });
      expect((await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token })).status).toBe(200);
      tick();
      expect((await t.request('POST', `/api/v1/conversations/${conversationId}/close`, { token: setup.agent.token })).status).toBe(200);
      closedIds.push(conversationId);
    }
    // Closing from wrap-up or straight: either way the newest close comes first.
    const newestFirst = [...closedIds].reverse();
    const first = await list('view=closed&limit=2');
    expect(first.status).toBe(200);
    expect(idsOf(first)).toEqual(newestFirst.slice(0, 2));
    expect(first.body.items.every((c: { state: string }) => c.state === 'closed')).toBe(true);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await list(`view=closed&limit=2&before=${encodeURIComponent(first.body.nextCursor)}`);
    expect(idsOf(second)).toEqual(newestFirst.slice(2));
    expect(second.body.nextCursor).toBeNull();

    expect(idsOf(await list('view=closed&channel=sms'))).toEqual([closedIds[1]]);
    // The billing agent has none of them: not their queue, not theirs.
    expect(idsOf(await list('view=closed', billing.token))).toEqual([]);
  });

  it('search answers with the message that matched, cut around the match, not the last message', async () => {
    const { conversationId } = await customerWrites(t, setup, { from: '+15550007201', body: 'Hello, my tracking number is ZX-4411 and nothing moves', channel: 'whatsapp' });
    await customerWrites(t, setup, { from: '+15550007201', body: 'Anyone there?', channel: 'whatsapp' });
    const answer = await list('q=zx-4411');
    expect(answer.status).toBe(200);
    const [hit] = answer.body.items;
    expect(hit.id).toBe(conversationId);
    expect(hit.lastMessage.body).toBe('Anyone there?');
    const messages = (await t.request('GET', `/api/v1/conversations/${conversationId}/messages`, { token: setup.agent.token })).body.items as { id: string; body: string }[];
    expect(hit.match.messageId).toBe(messages.find((m) => m.body.includes('ZX-4411'))!.id);
    expect(hit.match.snippet).toBe('Hello, my tracking number is ZX-4411 and nothing moves');
    const { start, length } = hit.match.highlight;
    expect(hit.match.snippet.slice(start, start + length)).toBe('ZX-4411');
    // A match on the customer's number names no message.
    const byNumber = await list('q=15550007201');
    expect(byNumber.body.items[0].match).toBeNull();
    // Search and filters together.
    expect(idsOf(await list('q=zx-4411&channel=sms'))).toEqual([]);
    // Lists that are not searches carry no match at all.
    expect((await list('state=open')).body.items[0]).not.toHaveProperty('match');
  });

  it("guesses a +82 customer's language from the number until an agent stores one on the contact", async () => {
    const { conversationId } = await customerWrites(t, setup, { from: '+821012345678', body: '안녕하세요, 주문 확인 부탁드려요', channel: 'whatsapp' });
    const view = (await t.request('GET', `/api/v1/conversations/${conversationId}`, { token: setup.agent.token })).body;
    expect(view.customer.language).toBeNull();
    expect(view.customer.inferredLanguage).toBe('ko');

    events.length = 0;
    const edit = await t.request('PATCH', `/api/v1/contacts/${view.customer.id}`, { token: setup.agent.token, body: { language: 'en' } });
    expect(edit.status).toBe(200);
    expect(edit.body.language).toBe('en');
    const after = (await t.request('GET', `/api/v1/conversations/${conversationId}`, { token: setup.agent.token })).body;
    expect(after.customer.language).toBe('en');
    expect(after.customer.inferredLanguage).toBe('ko');
    const pushed = events.find((e) => e.type === 'conversation.updated' && (e.data as any).conversation.id === conversationId);
    expect((pushed?.data as any)?.conversation.customer.language).toBe('en');

    const bad = await t.request('PATCH', `/api/v1/contacts/${view.customer.id}`, { token: setup.agent.token, body: { language: 'Korean!' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('language');
  });
});
