import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { downloadPendingMedia } from '../../src/server/media/download-media.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000100ffff03000006000557bfabd40000000049454e44ae426082', 'hex');

describe.each(dbKinds)('transcripts and search (%s)', (kind) => {
  let t: TestApp;
  let fake: FakeTwilio;
  let setup: WhatsappSetup;
  let supervisor: { id: string; token: string };
  let closedId: string;

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    t = await startTestApp(kind, { config: { twilioApiBaseUrl: fake.baseUrl, simulator: false } });
    setup = await setupWhatsapp(t);
    supervisor = await t.userWithToken('supervisor');
    const sid = 'MM' + 'c'.repeat(32);
    const first = await customerWrites(t, setup, {
      from: '+15550006001', name: 'Ada Lovelace', body: 'My analytical engine arrived broken',
      extra: { MessageSid: sid, SmsMessageSid: sid, SmsSid: sid, NumMedia: '1', MessageType: 'image', MediaContentType0: 'image/png', MediaUrl0: fake.addMedia(sid, 'image/png', PNG) },
    });
    await downloadPendingMedia(t.ctx);
    closedId = first.conversationId;
    await t.request('POST', `/api/v1/conversations/${closedId}/pick`, { token: setup.agent.token });
    await t.request('POST', `/api/v1/conversations/${closedId}/messages`, { token: setup.agent.token, body: { body: 'Sorry to hear, a new one is on its way' } });
    await t.request('POST', `/api/v1/conversations/${closedId}/close`, { token: setup.agent.token });
    await customerWrites(t, setup, { from: '+15550006002', name: 'Charles Babbage', body: 'Difference engine question' });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('gives a closed conversation as JSON with media links and as downloadable text', async () => {
    const json = await t.request('GET', `/api/v1/conversations/${closedId}/transcript`, { token: supervisor.token });
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ state: 'closed', customer: { name: 'Ada Lovelace', phone: '+15550006001' }, agents: ['Grace Agent'], queue: 'Support' });
    const [inbound, outbound] = json.body.messages;
    expect(inbound).toMatchObject({ direction: 'inbound', author: 'Ada Lovelace', body: 'My analytical engine arrived broken', media: [{ contentType: 'image/png', url: expect.stringMatching(/^\/api\/v1\/media\//) }] });
    expect(outbound).toMatchObject({ direction: 'outbound', author: 'Grace Agent', body: 'Sorry to hear, a new one is on its way' });
    const file = await fetch(t.url + inbound.media[0].url, { headers: { authorization: `Bearer ${supervisor.token}` } });
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PNG);

    const text = await t.request('GET', `/api/v1/conversations/${closedId}/transcript?format=text&download=true`, { token: supervisor.token });
    expect(text.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(text.headers.get('content-disposition')).toBe(`attachment; filename="transcript-${closedId}.txt"`);
    expect(text.body).toContain('Customer: Ada Lovelace (+15550006001)');
    expect(text.body).toContain(`attachment image/png: ${t.url}${inbound.media[0].url}`);
    expect(text.body).toMatch(/Grace Agent: Sorry to hear, a new one is on its way/);

    const jsonFile = await t.request('GET', `/api/v1/conversations/${closedId}/transcript?download=true`, { token: supervisor.token });
    expect(jsonFile.headers.get('content-disposition')).toContain('.json');
  });

  it('finds conversations by customer, number, text and date, and only for supervisors', async () => {
    const search = async (query: string) => (await t.request('GET', `/api/v1/transcripts?${query}`, { token: supervisor.token })).body.items.map((h: any) => h.customer.name);
    expect(await search('customer=lovelace')).toEqual(['Ada Lovelace']);
    expect(await search('number=6002')).toEqual(['Charles Babbage']);
    expect(await search('text=engine')).toEqual(['Charles Babbage', 'Ada Lovelace']);
    expect(await search('text=ANALYTICAL&state=closed')).toEqual(['Ada Lovelace']);
    expect(await search('text=analytical&state=live')).toEqual([]);
    expect(await search('text=100%25')).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await search(`from=${today}&to=${today}`)).length).toBe(2);
    expect(await search('from=2020-01-01&to=2020-01-02')).toEqual([]);
    const hit = (await t.request('GET', '/api/v1/transcripts?text=new%20one', { token: supervisor.token })).body.items[0];
    expect(hit).toMatchObject({ conversationId: closedId, snippet: 'Sorry to hear, a new one is on its way', agent: 'Grace Agent', messageCount: 2 });

    expect((await t.request('GET', '/api/v1/transcripts?text=engine', { token: setup.agent.token })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/transcripts?number=abc', { token: supervisor.token })).status).toBe(400);
  });

  it('hides a transcript from an agent outside the queue', async () => {
    const stranger = await t.userWithToken('agent');
    expect((await t.request('GET', `/api/v1/conversations/${closedId}/transcript`, { token: stranger.token })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/conversations/${closedId}/transcript`, { token: setup.agent.token })).status).toBe(200);
  });
});
