import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { downloadPendingMedia } from '../../src/server/media/download-media.js';
import { runOutboxOnce } from '../../src/server/outbox/worker.js';
import { ATTACHMENTS_NOT_ALLOWED_TEXT } from '../../src/server/conversations/receive-inbound.js';

// The smallest valid PNG: one transparent pixel.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000100ffff03000006000557bfabd40000000049454e44ae426082', 'hex');

describe.each(dbKinds)('media in and out (%s)', (kind) => {
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

  const imageFrom = async (from: string, mediaUrl: (sid: string) => string) => {
    const sid = 'MM' + Math.random().toString(16).slice(2).padEnd(32, '0').slice(0, 32);
    return customerWrites(t, setup, {
      from,
      body: 'Here is the damaged box',
      extra: { MessageSid: sid, SmsMessageSid: sid, SmsSid: sid, NumMedia: '1', MessageType: 'image', MediaContentType0: 'image/png', MediaUrl0: mediaUrl(sid) },
    });
  };
  const messagesOf = async (id: string, token = setup.admin.token) => (await t.request('GET', `/api/v1/conversations/${id}/messages`, { token })).body.items as any[];

  it('downloads inbound media with Basic auth, follows the redirect without credentials, and serves it to agents', async () => {
    const { conversationId } = await imageFrom('+15550001001', (sid) => fake.addMedia(sid, 'image/png', PNG));
    const [pending] = (await messagesOf(conversationId))[0].media;
    expect(pending).toMatchObject({ status: 'pending', contentType: 'image/png', url: null });
    expect(await downloadPendingMedia(t.ctx)).toBe(1);
    const mediaRequest = fake.requests.find((r) => r.path.includes('/Media/'))!;
    expect(mediaRequest.authorization).toMatch(/^Basic /);
    const cdnRequest = fake.requests.find((r) => r.path.startsWith('/cdn/'))!;
    expect(cdnRequest.authorization).toBeUndefined();
    const [stored] = (await messagesOf(conversationId))[0].media;
    expect(stored).toMatchObject({ status: 'stored', sizeBytes: PNG.length });
    const file = await fetch(t.url + stored.url, { headers: { authorization: `Bearer ${setup.agent.token}` } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PNG);
    expect((await fetch(t.url + stored.url)).status).toBe(401);
  });

  it('refuses to fetch media from a host that is not Twilio', async () => {
    const { conversationId } = await imageFrom('+15550001002', () => 'http://169.254.169.254/latest/meta-data/');
    await downloadPendingMedia(t.ctx);
    const [media] = (await messagesOf(conversationId))[0].media;
    expect(media.status).toBe('failed');
    expect(media.error).toMatch(/not a Twilio host/);
  });

  it('keeps a blocked attachment and tells the customer once, when the workstream does not allow attachments', async () => {
    const ws = await t.ctx.db.selectFrom('workstreams').select('id').executeTakeFirstOrThrow();
    await t.request('PATCH', `/api/v1/workstreams/${ws.id}`, { token: setup.admin.token, body: { whatsapp: { customerAttachments: false } } });
    try {
      const { conversationId } = await imageFrom('+15550001003', (sid) => fake.addMedia(sid, 'image/png', PNG));
      const messages = await messagesOf(conversationId);
      expect(messages[0].media[0].status).toBe('blocked');
      const automated = messages.filter((m) => m.kind === 'automated');
      expect(automated.map((m) => m.body)).toEqual([ATTACHMENTS_NOT_ALLOWED_TEXT]);
      await runOutboxOnce(t.ctx);
      expect(fake.requests.at(-1)!.form.get('Body')).toBe(ATTACHMENTS_NOT_ALLOWED_TEXT);
      expect(await downloadPendingMedia(t.ctx)).toBe(0);
    } finally {
      await t.request('PATCH', `/api/v1/workstreams/${ws.id}`, { token: setup.admin.token, body: { whatsapp: { customerAttachments: true } } });
    }
  });

  it('sends an agent attachment as MediaUrl that Twilio can fetch without logging in', async () => {
    const { conversationId } = await customerWrites(t, setup, { from: '+15550001004' });
    await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token });
    const form = new FormData();
    form.append('body', 'Here is your label');
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'label.png');
    const res = await fetch(`${t.url}/api/v1/conversations/${conversationId}/messages`, { method: 'POST', headers: { authorization: `Bearer ${setup.agent.token}` }, body: form });
    expect(res.status).toBe(201);
    await runOutboxOnce(t.ctx);
    const sent = fake.requests.at(-1)!.form;
    expect(sent.get('Body')).toBe('Here is your label');
    const mediaUrl = sent.get('MediaUrl')!;
    expect(mediaUrl).toMatch(new RegExp(`^${t.url}/media/out/[A-Za-z0-9_-]{40,}$`));
    const fetched = await fetch(mediaUrl);
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer())).toEqual(PNG);
    expect((await fetch(mediaUrl.replace(/.{4}$/, 'AAAA'))).status).toBe(404);
  });

  it('refuses an attachment WhatsApp would not accept before queueing anything', async () => {
    const { conversationId } = await customerWrites(t, setup, { from: '+15550001005' });
    await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token });
    const form = new FormData();
    form.append('body', 'gif');
    form.append('file', new Blob([Buffer.from('GIF89a')], { type: 'image/gif' }), 'funny.gif');
    const res = await fetch(`${t.url}/api/v1/conversations/${conversationId}/messages`, { method: 'POST', headers: { authorization: `Bearer ${setup.agent.token}` }, body: form });
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toMatch(/image\/gif/);
    expect((await messagesOf(conversationId)).filter((m) => m.direction === 'outbound')).toHaveLength(0);
  });
});
