import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { eventually } from '../helpers/eventually.js';
import { ACCOUNT_SID, AUTH_TOKEN, customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { postSignedWebhook } from '../helpers/twilio-signing.js';
import { smsInboundParams } from '../helpers/sms-webhook.js';
import type { RealtimeEvent } from '../../src/server/realtime/event-bus.js';

/** CSV (section,name,channel,value) rows as "section/name/channel" → value. */
function parseCsv(text: string): Map<string, string> {
  const [header, ...rows] = text.trim().split('\r\n').map((line) => line.split(','));
  expect(header).toEqual(['section', 'name', 'channel', 'value']);
  return new Map(rows.map(([section, name, channel, value]) => [`${section}/${name}/${channel}`, value]));
}

describe.each(dbKinds)('wrap-up reasons, labels and summary (%s)', (kind) => {
  let t: TestApp;
  let fake: FakeTwilio;
  let setup: WhatsappSetup;
  let workstreamId: string;
  let supervisor: { id: string; token: string };
  let outsider: { id: string; token: string };
  const events: RealtimeEvent[] = [];
  const today = () => new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    t = await startTestApp(kind, { config: { twilioApiBaseUrl: fake.baseUrl, simulator: false } });
    setup = await setupWhatsapp(t);
    supervisor = await t.userWithToken('supervisor');
    outsider = await t.userWithToken('agent', { name: 'Other queue' });
    workstreamId = (await as(setup.admin.token).get('/workstreams')).body.items[0].id;
    t.ctx.events.subscribe((e) => events.push(e));
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  const as = (token: string) => ({
    post: (path: string, body?: unknown) => t.request('POST', `/api/v1${path}`, { token, body }),
    patch: (path: string, body?: unknown) => t.request('PATCH', `/api/v1${path}`, { token, body }),
    delete: (path: string) => t.request('DELETE', `/api/v1${path}`, { token }),
    get: (path: string) => t.request('GET', `/api/v1${path}`, { token }),
  });
  const admin = () => as(setup.admin.token);
  const agent = () => as(setup.agent.token);
  async function activeConversation(from: string) {
    const { conversationId } = await customerWrites(t, setup, { from });
    expect((await agent().post(`/conversations/${conversationId}/pick`)).status).toBe(200);
    return conversationId;
  }
  async function label(name: string, color = '#1f6feb') {
    const created = await admin().post('/labels', { name, color });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body as { id: string; name: string; color: string };
  }

  it('keeps reasons per workstream, audited, and refuses a required reason with nothing to choose from', async () => {
    const refused = await admin().patch(`/workstreams/${workstreamId}`, { wrapUpReasons: [], wrapUpReasonRequired: true });
    expect(refused.status).toBe(422);
    expect(refused.body.error.field).toBe('wrapUpReasons');
    const blank = await admin().patch(`/workstreams/${workstreamId}`, { wrapUpReasons: ['  '] });
    expect(blank.status).toBe(400);
    expect(JSON.stringify(blank.body)).toContain('wrapUpReasons');
    expect((await admin().get(`/workstreams/${workstreamId}`)).body).toMatchObject({ wrapUpReasons: [], wrapUpReasonRequired: false });

    const saved = await admin().patch(`/workstreams/${workstreamId}`, { wrapUpReasons: [' Resolved ', 'Refund issued', 'resolved', 'Spam'], wrapUpReasonRequired: true });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ wrapUpReasons: ['Resolved', 'Refund issued', 'Spam'], wrapUpReasonRequired: true });
    const audit = await admin().get('/audit-log?entityType=workstream');
    expect(audit.body.items[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'wrapUpReasons', from: [], to: ['Resolved', 'Refund issued', 'Spam'] },
        { field: 'wrapUpReasonRequired', from: false, to: true },
      ]),
    );
    expect((await agent().patch(`/workstreams/${workstreamId}`, { wrapUpReasonRequired: false })).status).toBe(403);
  });

  it('refuses End and Close without the required reason (422 naming it, nothing changed), then stores reason, labels and summary', async () => {
    const billing = await label('Billing', '#D97706');
    const conversationId = await activeConversation('+15550300001');
    const view = (await agent().get(`/conversations/${conversationId}`)).body;
    expect(view).toMatchObject({ wrapUpReasons: ['Resolved', 'Refund issued', 'Spam'], wrapUpReasonRequired: true, wrapUpReason: null, labels: [] });

    for (const action of ['end', 'close']) {
      const refused = await agent().post(`/conversations/${conversationId}/${action}`, { summary: 'Gone' });
      expect(refused.status).toBe(422);
      expect(refused.body.error).toMatchObject({ code: 'WRAP_UP_REASON_REQUIRED', field: 'reason' });
    }
    const unknown = await agent().post(`/conversations/${conversationId}/end`, { reason: 'Because' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.field).toBe('reason');
    const missingLabel = await agent().post(`/conversations/${conversationId}/end`, { reason: 'Resolved', labelIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(missingLabel.status).toBe(422);
    expect(missingLabel.body.error.field).toBe('labelIds');
    const untouched = (await agent().get(`/conversations/${conversationId}`)).body;
    expect(untouched).toMatchObject({ state: 'active', wrapUpReason: null, wrapUpSummary: null, labels: [] });
    expect(untouched.version).toBe(view.version);

    const ended = await agent().post(`/conversations/${conversationId}/end`, { reason: 'refund ISSUED', labelIds: [billing.id], summary: '  Parcel broken; refunded.  ' });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(ended.body).toMatchObject({
      state: 'wrap-up',
      wrapUpReason: 'Refund issued',
      wrapUpSummary: 'Parcel broken; refunded.',
      labels: [{ id: billing.id, name: 'Billing', color: '#d97706' }],
    });
    // The reason given at End counts for Close.
    const closed = await agent().post(`/conversations/${conversationId}/close`);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({ state: 'closed', wrapUpReason: 'Refund issued' });

    const timeline = (await agent().get(`/conversations/${conversationId}/timeline`)).body.items;
    expect(timeline.find((e: any) => e.type === 'state-changed' && e.data.action === 'end').data).toMatchObject({ reason: 'Refund issued', summary: 'Parcel broken; refunded.', labels: ['Billing'] });
    const transcript = (await agent().get(`/conversations/${conversationId}/transcript`)).body;
    expect(transcript.wrapUp).toEqual({ reason: 'Refund issued', summary: 'Parcel broken; refunded.', labels: ['Billing'] });
  });

  it('lets anyone who sees a conversation label it at any time, publishes the change, and filters the list by label', async () => {
    const vip = await label('VIP', '#7c3aed');
    const duplicate = await admin().post('/labels', { name: 'vip', color: '#000000' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.field).toBe('name');
    expect((await admin().post('/labels', { name: 'Red', color: 'red' })).status).toBe(400);
    expect((await agent().post('/labels', { name: 'Mine', color: '#000000' })).status).toBe(403);

    const tagged = await activeConversation('+15550300002');
    const plain = await activeConversation('+15550300003');
    const before = (await agent().get(`/conversations/${tagged}`)).body.version as number;
    expect((await agent().post(`/conversations/${tagged}/labels`, { labelId: vip.id })).status).toBe(204);
    const published = await eventually(async () => events.find((e) => e.type === 'conversation.updated' && (e.data.conversation as any).id === tagged && (e.data.conversation as any).labels.length), 'the label change published');
    expect((published.data.conversation as any).labels).toEqual([{ id: vip.id, name: 'VIP', color: '#7c3aed' }]);
    expect((published.data.conversation as any).version).toBeGreaterThan(before);
    // Twice is once.
    expect((await agent().post(`/conversations/${tagged}/labels`, { labelId: vip.id })).status).toBe(204);
    expect((await as(outsider.token).post(`/conversations/${tagged}/labels`, { labelId: vip.id })).status).toBe(404);
    expect((await agent().post(`/conversations/${tagged}/labels`, { labelId: '00000000-0000-4000-8000-000000000000' })).status).toBe(422);

    const listed = (await agent().get(`/conversations?label=${vip.id}`)).body.items.map((c: any) => c.id);
    expect(listed).toEqual([tagged]);
    expect((await agent().get('/conversations')).body.items.map((c: any) => c.id)).toContain(plain);
    expect((await agent().get('/conversations?label=nope')).status).toBe(400);

    // After close too, and off again.
    await agent().post(`/conversations/${tagged}/close`, { reason: 'Resolved' });
    expect((await agent().delete(`/conversations/${tagged}/labels/${vip.id}`)).status).toBe(204);
    expect((await agent().get(`/conversations?label=${vip.id}`)).body.items).toEqual([]);
    expect((await agent().post(`/conversations/${tagged}/labels`, { labelId: vip.id })).status).toBe(204);
    expect((await agent().get(`/conversations/${tagged}`)).body.labels.map((l: any) => l.name)).toEqual(['VIP']);

    // Deleting the label takes it off the conversation and tells its viewers.
    const renamed = await admin().patch(`/labels/${vip.id}`, { name: 'Key account' });
    expect(renamed.body).toMatchObject({ name: 'Key account', color: '#7c3aed' });
    const count = events.length;
    expect((await admin().delete(`/labels/${vip.id}`)).status).toBe(204);
    expect((await agent().get(`/conversations/${tagged}`)).body.labels).toEqual([]);
    expect(events.slice(count).some((e) => e.type === 'conversation.updated' && (e.data.conversation as any).id === tagged)).toBe(true);
    expect((await admin().get('/audit-log?entityType=label')).body.items.map((e: any) => e.action)).toEqual(expect.arrayContaining(['created', 'updated', 'deleted']));
  });

  it('counts conversations by wrap-up reason and label in insights and the CSV, by channel too', async () => {
    const complaint = await label('Complaint', '#dc2626');
    const smsNumber = '+14155550777';
    const number = await admin().post(`/messaging-accounts/${setup.accountId}/numbers`, { name: 'Texts', number: smsNumber, channels: ['sms'] });
    expect(number.status, JSON.stringify(number.body)).toBe(201);
    const texts = await admin().post('/workstreams', { name: 'Texts', channel: 'sms', mode: 'pick', fallbackQueueId: setup.queueId, sms: { numberId: number.body.id }, wrapUpReasons: ['Resolved', 'Spam'] });
    expect(texts.status, JSON.stringify(texts.body)).toBe(201);
    expect(texts.body).toMatchObject({ wrapUpReasons: ['Resolved', 'Spam'], wrapUpReasonRequired: false });
    expect((await postSignedWebhook(setup.inboundUrl, AUTH_TOKEN, smsInboundParams({ accountSid: ACCOUNT_SID, from: '+15550300009', to: smsNumber, body: 'Buy now' }))).status).toBe(200);
    const sms = await eventually(() => t.ctx.db.selectFrom('conversations').select('id').where('number_id', '=', number.body.id).executeTakeFirst(), 'the SMS conversation stored');
    expect((await agent().post(`/conversations/${sms.id}/pick`)).status).toBe(200);
    expect((await agent().post(`/conversations/${sms.id}/close`, { reason: 'Spam', labelIds: [complaint.id] })).status).toBe(200);
    const chat = await activeConversation('+15550300010');
    expect((await agent().post(`/conversations/${chat}/close`, { reason: 'Spam', labelIds: [complaint.id] })).status).toBe(200);

    const sup = as(supervisor.token);
    const range = `from=${today()}&to=${today()}`;
    const all = (await sup.get(`/insights/history?${range}`)).body;
    // Earlier tests closed one conversation as "Refund issued" and one as "Resolved".
    expect(all.wrapUpReasons).toEqual([{ name: 'Spam', count: 2 }, { name: 'Refund issued', count: 1 }, { name: 'Resolved', count: 1 }]);
    expect(all.labels).toEqual(expect.arrayContaining([{ name: 'Complaint', count: 2 }, { name: 'Billing', count: 1 }]));
    expect(all.byChannel.find((c: any) => c.channel === 'sms')).toMatchObject({ wrapUpReasons: [{ name: 'Spam', count: 1 }], labels: [{ name: 'Complaint', count: 1 }] });
    const onlySms = (await sup.get(`/insights/history?${range}&channel=sms`)).body;
    expect(onlySms.wrapUpReasons).toEqual([{ name: 'Spam', count: 1 }]);
    expect(onlySms.labels).toEqual([{ name: 'Complaint', count: 1 }]);

    const csvOf = async (query: string) => parseCsv(await (await fetch(`${t.url}/api/v1/insights/history.csv?${query}`, { headers: { authorization: `Bearer ${supervisor.token}` } })).text());
    const csv = await csvOf(range);
    expect(csv.get('wrap_up_reasons/Spam/all')).toBe('2');
    expect(csv.get('wrap_up_reasons/Refund issued/all')).toBe('1');
    expect(csv.get('labels/Complaint/all')).toBe('2');
    expect(csv.get('wrap_up_reasons/Spam/sms')).toBe('1');
    expect(csv.get('labels/Complaint/whatsapp')).toBe('1');
    const smsCsv = await csvOf(`${range}&channel=sms`);
    expect(smsCsv.get('wrap_up_reasons/Spam/sms')).toBe('1');
    expect(smsCsv.has('wrap_up_reasons/Refund issued/sms')).toBe(false);
  });
});
