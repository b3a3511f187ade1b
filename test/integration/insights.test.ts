import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { decisionsTaken } from '../helpers/metrics.js';
import { ACCOUNT_SID, AUTH_TOKEN, customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { runOutboxOnce } from '../../src/server/outbox/worker.js';
import { postSignedWebhook } from '../helpers/twilio-signing.js';
import { smsInboundParams } from '../helpers/sms-webhook.js';

/** CSV (section,name,channel,value) rows as "section/name" → value for all channels, "section/name/channel" for one. */
function parseCsv(text: string): Map<string, string> {
  const [header, ...rows] = text.trim().split('\r\n').map((line) => line.split(','));
  expect(header).toEqual(['section', 'name', 'channel', 'value']);
  return new Map(rows.map(([section, name, channel, value]) => [channel === 'all' ? `${section}/${name}` : `${section}/${name}/${channel}`, value]));
}

describe.each(dbKinds)('supervisor insights (%s)', (kind) => {
  let t: TestApp;
  let fake: FakeTwilio;
  let setup: WhatsappSetup;
  let supervisor: { id: string; token: string };
  const today = () => new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    t = await startTestApp(kind, { config: { twilioApiBaseUrl: fake.baseUrl, simulator: false } });
    setup = await setupWhatsapp(t);
    supervisor = await t.userWithToken('supervisor', { name: 'Sam Supervisor' });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  const as = (token: string) => ({
    post: (path: string, body?: unknown) => t.request('POST', `/api/v1${path}`, { token, body }),
    get: (path: string) => t.request('GET', `/api/v1${path}`, { token }),
  });

  it('shows the floor live, the history for a day, and a CSV with the same numbers as the database', async () => {
    const agent = as(setup.agent.token);
    const sup = as(supervisor.token);
    expect((await t.request('PUT', '/api/v1/me/presence', { token: setup.agent.token, body: { presence: 'available' } })).status).toBe(200);

    const decisions = () => decisionsTaken(t.url);
    const decisionsBefore = await decisions();
    const answered = await customerWrites(t, setup, { from: '+15550005001', body: 'Where is my order?' });
    const abandoned = await customerWrites(t, setup, { from: '+15550005002', body: 'Hello?' });
    const waiting = await customerWrites(t, setup, { from: '+15550005003', body: 'Still there?' });

    // Pick mode: agents take new work from the open list, so its arrival takes no assignment decision.
    expect(await decisions()).toBe(decisionsBefore);
    let live = (await sup.get('/insights/live')).body;
    let queue = live.queues.find((q: any) => q.queueId === setup.queueId);
    expect(queue).toMatchObject({ name: 'Support', waiting: 3, active: 0, wrapUp: 0 });
    expect(queue.longestWaitSeconds).toBeGreaterThanOrEqual(0);

    expect((await agent.post(`/conversations/${answered.conversationId}/pick`)).status).toBe(200);
    await agent.post(`/conversations/${answered.conversationId}/messages`, { body: 'Let me check' });
    fake.script.push({ kind: 'error', status: 400, code: 63016, message: 'Outside the window' });
    await agent.post(`/conversations/${answered.conversationId}/messages`, { body: 'This one fails' });
    await runOutboxOnce(t.ctx);
    live = (await sup.get('/insights/live')).body;
    queue = live.queues.find((q: any) => q.queueId === setup.queueId);
    expect(queue).toMatchObject({ waiting: 2, active: 1 });
    expect(queue.capacity.used).toBe(1);
    expect(queue.serviceLevel.within120s).toBe(100);
    const me = live.agents.find((a: any) => a.agentId === setup.agent.id);
    expect(me.conversations.map((c: any) => c.id)).toEqual([answered.conversationId]);
    // Offline until the agent went Available (recorded by the presence trigger), Available since.
    expect(me.presenceTimeline.map((s: any) => s.presence)).toEqual(['offline', 'available']);
    expect(me.presenceTimeline.at(-1).to).toBe(live.at);

    // Supervisor actions: transfer to the agent (assign), force-close, join.
    expect((await sup.post(`/conversations/${waiting.conversationId}/transfer`, { agentId: setup.agent.id })).body.state).toBe('active');
    expect((await sup.post(`/conversations/${abandoned.conversationId}/close`)).body.state).toBe('closed');
    expect((await sup.post(`/conversations/${waiting.conversationId}/join`)).body).toEqual({ conversationId: waiting.conversationId, mode: 'participant' });
    expect((await agent.post(`/conversations/${waiting.conversationId}/join`)).status).toBe(403);
    const timeline = (await sup.get(`/conversations/${waiting.conversationId}/timeline`)).body.items;
    expect(timeline.map((e: any) => e.type)).toEqual(expect.arrayContaining(['transferred', 'supervisor-joined']));

    await agent.post(`/conversations/${answered.conversationId}/end`);
    await agent.post(`/conversations/${answered.conversationId}/close`);

    // The customer answers the post-conversation survey with a 4 (the survey domain writes this row).
    const closed = await t.ctx.db.selectFrom('conversations').select(['contact_id', 'number_id']).where('id', '=', answered.conversationId).executeTakeFirstOrThrow();
    await t.ctx.db
      .insertInto('survey_requests')
      .values({ conversation_id: answered.conversationId, contact_id: closed.contact_id, number_id: closed.number_id, queue_id: setup.queueId, agent_id: setup.agent.id, channel: 'chat', status: 'answered', created_at: new Date(), expires_at: new Date(Date.now() + 86_400_000), rating: 4, answered_at: new Date(), answered_via: 'chat' })
      .execute();

    const range = `from=${today()}&to=${today()}&queueId=${setup.queueId}`;
    const history = (await sup.get(`/insights/history?${range}`)).body;
    expect(history).toMatchObject({ conversations: 3, answered: 2, abandoned: 1, transfers: 1 });
    expect(history.firstResponse.count).toBe(1);
    expect(history.handle.count).toBe(1);
    expect(history.wrapUp.count).toBe(1);
    expect(history.deliveryFailures).toEqual([{ code: 63016, count: 1 }]);
    expect(history.csat).toEqual({ responses: 1, averageRating: 4, satisfiedPercent: 100 });
    expect(history.volumeByHour.reduce((a: number, b: number) => a + b, 0)).toBe(3);

    const csvResponse = await fetch(`${t.url}/api/v1/insights/history.csv?${range}`, { headers: { authorization: `Bearer ${supervisor.token}` } });
    expect(csvResponse.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csvResponse.headers.get('content-disposition')).toContain('attachment');
    const csv = parseCsv(await csvResponse.text());
    // The CSV agrees with the database, counted here independently.
    const db = t.ctx.db;
    const start = new Date(`${today()}T00:00:00Z`);
    const created = await db.selectFrom('conversations').select('id').where('queue_id', '=', setup.queueId).where('created_at', '>=', start).execute();
    const transfers = await db.selectFrom('conversation_events').select('id').where('type', '=', 'transferred').where('conversation_id', 'in', created.map((c) => c.id)).execute();
    const failures = await db.selectFrom('messages').select('id').where('error_code', '=', 63016).where('conversation_id', 'in', created.map((c) => c.id)).execute();
    expect(Number(csv.get('totals/conversations'))).toBe(created.length);
    expect(Number(csv.get('totals/transfers'))).toBe(transfers.length);
    expect(Number(csv.get('delivery_failures/63016'))).toBe(failures.length);
    expect(Number(csv.get('totals/abandoned'))).toBe(history.abandoned);
    expect(Number(csv.get('handle/average_seconds'))).toBe(history.handle.average);
    expect(Number(csv.get('csat/average_rating'))).toBe(4);
    const hourSum = [...csv].filter(([k]) => k.startsWith('volume_by_hour_utc/')).reduce((s, [, v]) => s + Number(v), 0);
    expect(hourSum).toBe(created.length);

    // Filters narrow: another agent answered nothing.
    const other = await t.userWithToken('agent');
    expect((await sup.get(`/insights/history?${range}&agentId=${other.id}`)).body.conversations).toBe(0);
  });

  it('filters by channel and splits the figures by channel, live, in the history and in its CSV', async () => {
    const sup = as(supervisor.token);
    const smsNumber = '+14155550142';
    const number = await t.request('POST', `/api/v1/messaging-accounts/${setup.accountId}/numbers`, { token: setup.admin.token, body: { name: 'Texts', number: smsNumber, channels: ['sms'] } });
    expect(number.status, JSON.stringify(number.body)).toBe(201);
    const queue = await t.request('POST', '/api/v1/queues', { token: setup.admin.token, body: { name: 'Channels', agentIds: [setup.agent.id] } });
    const workstream = await t.request('POST', '/api/v1/workstreams', { token: setup.admin.token, body: { name: 'Texts', channel: 'sms', mode: 'pick', fallbackQueueId: queue.body.id, sms: { numberId: number.body.id } } });
    expect(workstream.status, JSON.stringify(workstream.body)).toBe(201);
    const texted = await postSignedWebhook(setup.inboundUrl, AUTH_TOKEN, smsInboundParams({ accountSid: ACCOUNT_SID, from: '+15550007001', to: smsNumber, body: 'Texting you' }));
    expect(texted.status).toBe(200);
    const sms = await t.ctx.db.selectFrom('conversations').select(['id', 'channel', 'queue_id']).where('number_id', '=', number.body.id).executeTakeFirstOrThrow();
    expect(sms).toMatchObject({ channel: 'sms', queue_id: queue.body.id });
    // A WhatsApp conversation in the same queue, so the queue holds both channels.
    const chat = await customerWrites(t, setup, { from: '+15550007002', body: 'On WhatsApp' });
    await t.ctx.db.updateTable('conversations').set({ queue_id: queue.body.id }).where('id', '=', chat.conversationId).execute();

    const live = (await sup.get('/insights/live')).body;
    expect(live.channel).toBeNull();
    expect(live.queues.find((q: any) => q.queueId === queue.body.id)).toMatchObject({ waiting: 2, waitingByChannel: { sms: 1, whatsapp: 1 } });
    const liveSms = (await sup.get('/insights/live?channel=sms')).body;
    expect(liveSms.channel).toBe('sms');
    expect(liveSms.queues.find((q: any) => q.queueId === queue.body.id)).toMatchObject({ waiting: 1, waitingByChannel: { sms: 1 } });

    const range = `from=${today()}&to=${today()}&queueId=${queue.body.id}`;
    const all = (await sup.get(`/insights/history?${range}`)).body;
    expect(all.conversations).toBe(2);
    expect(all.byChannel.map((c: any) => [c.channel, c.conversations])).toEqual([['whatsapp', 1], ['sms', 1]]);
    const onlySms = (await sup.get(`/insights/history?${range}&channel=sms`)).body;
    expect(onlySms.conversations).toBe(1);
    expect(onlySms.byChannel).toEqual([expect.objectContaining({ channel: 'sms', conversations: 1, answered: 0 })]);

    const csvOf = async (query: string) => parseCsv(await (await fetch(`${t.url}/api/v1/insights/history.csv?${query}`, { headers: { authorization: `Bearer ${supervisor.token}` } })).text());
    const csv = await csvOf(range);
    expect(csv.get('totals/conversations')).toBe('2');
    expect(csv.get('totals/conversations/sms')).toBe('1');
    expect(csv.get('totals/conversations/whatsapp')).toBe('1');
    const smsCsv = await csvOf(`${range}&channel=sms`);
    expect(smsCsv.get('filter/channel/sms')).toBe('sms');
    expect(smsCsv.get('totals/conversations/sms')).toBe('1');
    expect(smsCsv.get('totals/conversations/whatsapp')).toBeUndefined();

    expect((await sup.get(`/insights/history?${range}&channel=fax`)).status).toBe(400);
    expect((await sup.get('/insights/live?channel=fax')).status).toBe(400);
  });

  it('refuses agents, bad ranges, and unknown fields', async () => {
    expect((await as(setup.agent.token).get('/insights/live')).status).toBe(403);
    expect((await as(supervisor.token).get('/insights/history?from=2025-02-10&to=2025-02-01')).status).toBe(422);
    expect((await as(supervisor.token).get('/insights/history?from=2025-02-01')).status).toBe(400);
    expect((await as(supervisor.token).get('/insights/history?from=2025-02-01&to=2025-02-02&color=red')).status).toBe(400);
  });

  it('answers every response with its request id, the one in the logs', async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
