import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';

describe.each(dbKinds)('NUL bytes and lone surrogates (%s)', (kind) => {
  let t: TestApp;
  let setup: WhatsappSetup;
  const logs: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({ write(chunk, _enc, done) { logs.push(String(chunk)); done(); } });
    t = await startTestApp(kind, { logger: { level: 'debug', stream: sink } });
    setup = await setupWhatsapp(t);
  });
  afterAll(() => t?.close());

  it('stores a signed webhook whose Body and ProfileName hold NUL bytes, without them', async () => {
    const { sid, conversationId } = await customerWrites(t, setup, { from: '+15550001111', body: 'parcel\u0000 late', name: 'Ada\u0000 Lovelace' });
    const message = await t.ctx.db.selectFrom('messages').select(['body', 'conversation_id']).where('provider_sid', '=', sid).executeTakeFirstOrThrow();
    expect(message.body).toBe('parcel late');
    expect(message.conversation_id).toBe(conversationId);
    const conversation = await t.request('GET', `/api/v1/conversations/${conversationId}`, { token: setup.admin.token });
    expect(conversation.body.customer.name).toBe('Ada Lovelace');
  });

  it('refuses API strings with a NUL byte or a lone surrogate with a 400 naming the field, changing nothing', async () => {
    const { conversationId } = await customerWrites(t, setup, { from: '+15550002222', body: 'hello' });
    const messagesBefore = await t.request('GET', `/api/v1/conversations/${conversationId}/messages`, { token: setup.admin.token });
    await t.request('POST', `/api/v1/conversations/${conversationId}/accept`, { token: setup.agent.token });

    const secret = 'do-not-log-this-text';
    for (const body of [`${secret}\u0000`, `${secret}\ud800`, `\udc00${secret}`]) {
      const reply = await t.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: setup.admin.token, body: { body } });
      expect(reply.status, JSON.stringify(reply.body)).toBe(400);
      expect(reply.body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'body' });
      expect(reply.body.error.message).toContain('body');
    }
    const messagesAfter = await t.request('GET', `/api/v1/conversations/${conversationId}/messages`, { token: setup.admin.token });
    expect(messagesAfter.body.items).toHaveLength(messagesBefore.body.items.length);

    const queue = await t.request('POST', '/api/v1/queues', { token: setup.admin.token, body: { name: `Billing\u0000${secret}` } });
    expect(queue.status).toBe(400);
    expect(queue.body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'name' });
    const queues = await t.request('GET', '/api/v1/queues', { token: setup.admin.token });
    expect(queues.body.items.map((q: { name: string }) => q.name)).not.toContain('Billing');

    const search = await t.request('GET', `/api/v1/transcripts?text=${encodeURIComponent(`a\u0000${secret}`)}`, { token: setup.admin.token });
    expect(search.status).toBe(400);
    expect(search.body.error.field).toBe('text');

    expect(logs.join('')).not.toContain(secret);
  });
});
