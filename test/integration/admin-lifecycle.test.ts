import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';

type Impact = { outcome: string; refusal: { code: string; message: string } | null; effects: { kind: string; count: number; names: string[] }[] };

describe.each(dbKinds)('admin lifecycle: impact first, then delete, archive, deactivate or refuse (%s)', (kind) => {
  let t: TestApp;
  let fake: FakeTwilio;
  let setup: WhatsappSetup;
  let workstreamId: string;
  let phones = 0;

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    t = await startTestApp(kind, { config: { twilioApiBaseUrl: fake.baseUrl } });
    setup = await setupWhatsapp(t);
    workstreamId = (await call('GET', '/api/v1/workstreams')).body.items[0].id;
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  const call = (method: string, path: string, body?: unknown, token = setup.admin.token) => t.request(method, path, { token, body });
  const ok = async (method: string, path: string, body?: unknown) => {
    const res = await call(method, path, body);
    expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body;
  };
  const impact = async (path: string): Promise<Impact> => ok('GET', `${path}/impact`);
  const effectOf = (i: Impact, kind: string) => i.effects.find((e) => e.kind === kind);
  const newConversation = () => customerWrites(t, setup, { from: `+1555020${String(++phones).padStart(4, '0')}` });
  const audit = async (entityId: string) => ((await ok('GET', '/api/v1/audit-log')).items as { action: string; entityId: string }[]).filter((e) => e.entityId === entityId).map((e) => e.action);
  const warnings = async () => (await ok('GET', '/api/v1/configuration-warnings')).items as { code: string; workstreamId?: string; params?: Record<string, unknown> }[];

  it('refuses the default queue and a queue a workstream falls back to, saying why, and changes nothing', async () => {
    const queues = (await ok('GET', '/api/v1/queues')).items as { id: string; isDefault: boolean }[];
    const defaultQueue = queues.find((q) => q.isDefault)!;
    expect((await impact(`/api/v1/queues/${defaultQueue.id}`)).refusal?.code).toBe('QUEUE_IS_DEFAULT');
    const refused = await call('DELETE', `/api/v1/queues/${defaultQueue.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'QUEUE_IS_DEFAULT', message: expect.stringContaining('default queue') });

    const fallback = await impact(`/api/v1/queues/${setup.queueId}`);
    expect(fallback).toMatchObject({ outcome: 'refused', refusal: { code: 'QUEUE_IN_USE', message: expect.stringContaining('Support on whatsapp') } });
    expect(effectOf(fallback, 'workstreams')).toEqual({ kind: 'workstreams', count: 1, names: ['Support on whatsapp'] });
    expect((await call('DELETE', `/api/v1/queues/${setup.queueId}`)).status).toBe(409);
    expect((await ok('GET', `/api/v1/queues/${setup.queueId}`)).archived).toBe(false);
  });

  it('refuses a queue a routing rule sends to, until the rule is gone', async () => {
    const queue = await ok('POST', '/api/v1/queues', { name: 'Ruled' });
    const rule = await ok('POST', `/api/v1/workstreams/${workstreamId}/routing-rules`, { name: 'VIP', conditions: [], queueId: queue.id });
    const refused = await call('DELETE', `/api/v1/queues/${queue.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'QUEUE_IN_USE', message: expect.stringContaining('VIP') });
    await ok('DELETE', `/api/v1/workstreams/${workstreamId}/routing-rules/${rule.id}`);
    expect((await impact(`/api/v1/queues/${queue.id}`)).outcome).toBe('delete');
  });

  it('deletes an unused queue outright after showing the agents who leave it, and audits it', async () => {
    const queue = await ok('POST', '/api/v1/queues', { name: 'Spare queue', agentIds: [setup.agent.id] });
    const seen = await impact(`/api/v1/queues/${queue.id}`);
    expect(seen).toEqual({ outcome: 'delete', refusal: null, effects: [{ kind: 'agents', count: 1, names: ['Grace Agent'] }] });
    expect(await ok('DELETE', `/api/v1/queues/${queue.id}`)).toEqual({ outcome: 'deleted' });
    expect((await call('GET', `/api/v1/queues/${queue.id}`)).status).toBe(404);
    expect((await ok('GET', `/api/v1/users/${setup.agent.id}`)).queueIds).not.toContain(queue.id);
    expect(await audit(queue.id)).toContain('deleted');
  });

  it('refuses a queue holding open conversations, then archives it once they are closed: out of pickers, still named in history', async () => {
    const queue = await ok('POST', '/api/v1/queues', { name: 'Billing' });
    const { conversationId } = await newConversation();
    await ok('POST', `/api/v1/conversations/${conversationId}/transfer`, { queueId: queue.id });
    const refused = await impact(`/api/v1/queues/${queue.id}`);
    expect(refused).toMatchObject({ outcome: 'refused', refusal: { code: 'QUEUE_HAS_OPEN_CONVERSATIONS' } });
    expect(effectOf(refused, 'open-conversations')?.count).toBe(1);
    expect((await call('DELETE', `/api/v1/queues/${queue.id}`)).status).toBe(409);

    await ok('POST', `/api/v1/conversations/${conversationId}/close`);
    const seen = await impact(`/api/v1/queues/${queue.id}`);
    expect(seen.outcome).toBe('archive');
    expect(effectOf(seen, 'conversations')?.count).toBe(1);
    expect(await ok('DELETE', `/api/v1/queues/${queue.id}`)).toEqual({ outcome: 'archived' });
    expect(await audit(queue.id)).toContain('archived');

    expect(((await ok('GET', '/api/v1/queues')).items as { id: string }[]).map((q) => q.id)).not.toContain(queue.id);
    const all = (await ok('GET', '/api/v1/queues?includeArchived=true')).items as { id: string; archived: boolean }[];
    expect(all.find((q) => q.id === queue.id)).toMatchObject({ archived: true });
    expect((await ok('GET', `/api/v1/conversations/${conversationId}/transcript`)).queue).toBe('Billing');
    // Nothing new reaches an archived queue, and its name is free again.
    const other = await newConversation();
    const transfer = await call('POST', `/api/v1/conversations/${other.conversationId}/transfer`, { queueId: queue.id });
    expect(transfer.status).toBe(422);
    expect(transfer.body.error.field).toBe('queueId');
    expect((await call('PATCH', `/api/v1/workstreams/${workstreamId}`, { fallbackQueueId: queue.id })).status).toBe(422);
    expect((await call('POST', '/api/v1/queues', { name: 'Billing' })).status).toBe(201);
    await ok('POST', `/api/v1/conversations/${other.conversationId}/close`);
  });

  it('refuses a capacity profile a workstream uses; deleting it later takes the agents\' limits of it too', async () => {
    const profile = await ok('POST', '/api/v1/capacity-profiles', { name: 'Calls', defaultMaxItems: 1 });
    await ok('PATCH', `/api/v1/users/${setup.agent.id}`, { capacityProfiles: [{ profileId: profile.id, maxItems: 2 }] });
    await ok('PATCH', `/api/v1/workstreams/${workstreamId}`, { capacityProfileId: profile.id });
    const refused = await impact(`/api/v1/capacity-profiles/${profile.id}`);
    expect(refused).toMatchObject({ outcome: 'refused', refusal: { code: 'PROFILE_IN_USE', message: expect.stringContaining('Support on whatsapp') } });
    const res = await call('DELETE', `/api/v1/capacity-profiles/${profile.id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('PROFILE_IN_USE');

    await ok('PATCH', `/api/v1/workstreams/${workstreamId}`, { capacityProfileId: null });
    expect(await impact(`/api/v1/capacity-profiles/${profile.id}`)).toEqual({ outcome: 'delete', refusal: null, effects: [{ kind: 'agents', count: 1, names: ['Grace Agent'] }] });
    expect(await ok('DELETE', `/api/v1/capacity-profiles/${profile.id}`)).toEqual({ outcome: 'deleted' });
    expect(((await ok('GET', '/api/v1/capacity-profiles')).items as { id: string }[]).map((p) => p.id)).not.toContain(profile.id);
    expect((await ok('GET', `/api/v1/users/${setup.agent.id}`)).capacityProfiles).toEqual([]);
    expect(await audit(profile.id)).toContain('deleted');
  });

  it('refuses to deactivate the last admin; deactivating an agent ends sign-in and sends their conversation back to its queue', async () => {
    const last = await call('DELETE', `/api/v1/users/${setup.admin.id}`);
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('LAST_ADMIN');
    expect((await impact(`/api/v1/users/${setup.admin.id}`)).refusal?.code).toBe('LAST_ADMIN');

    const leaver = await t.userWithToken('agent', { name: 'Leaver' });
    await ok('PATCH', `/api/v1/queues/${setup.queueId}`, { agentIds: [setup.agent.id, leaver.id] });
    const { conversationId } = await newConversation();
    expect((await call('POST', `/api/v1/conversations/${conversationId}/pick`, undefined, leaver.token)).status).toBe(200);
    const seen = await impact(`/api/v1/users/${leaver.id}`);
    expect(seen.outcome).toBe('deactivate');
    expect(effectOf(seen, 'open-conversations')?.count).toBe(1);
    expect(effectOf(seen, 'queues')?.names).toEqual(['Support']);

    expect(await ok('DELETE', `/api/v1/users/${leaver.id}`)).toEqual({ outcome: 'deactivated' });
    expect((await ok('GET', `/api/v1/users/${leaver.id}`)).disabled).toBe(true);
    expect((await call('GET', '/api/v1/me', undefined, leaver.token)).status).toBe(401);
    expect((await t.request('POST', '/api/v1/auth/login', { body: { email: leaver.email, password: 'correct horse battery' } })).status).toBeGreaterThanOrEqual(400);
    expect(await ok('GET', `/api/v1/conversations/${conversationId}`)).toMatchObject({ state: 'open', assignedAgentId: null, queueId: setup.queueId });
    expect(await audit(leaver.id)).toContain('deactivated');
    const again = await call('DELETE', `/api/v1/users/${leaver.id}`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('USER_DEACTIVATED');
    await ok('POST', `/api/v1/conversations/${conversationId}/close`);
  });

  it('deletes a workstream the wizard left without a number, which the Overview warned about', async () => {
    const bare = await ok('POST', '/api/v1/workstreams', { name: 'Half set up', channel: 'whatsapp', mode: 'pick', fallbackQueueId: setup.queueId });
    expect(await warnings()).toContainEqual(expect.objectContaining({ code: 'WORKSTREAM_WITHOUT_NUMBER', workstreamId: bare.id, params: { workstream: 'Half set up' } }));
    expect(await impact(`/api/v1/workstreams/${bare.id}`)).toEqual({ outcome: 'delete', refusal: null, effects: [] });
    expect(await ok('DELETE', `/api/v1/workstreams/${bare.id}`)).toEqual({ outcome: 'deleted' });
    expect((await call('GET', `/api/v1/workstreams/${bare.id}`)).status).toBe(404);
    expect((await warnings()).filter((w) => w.workstreamId === bare.id)).toEqual([]);
    expect(await audit(bare.id)).toContain('deleted');
  });

  it('leaves a workstream without a number when its account is deleted, once the admin accepts what the impact said', async () => {
    const seen = await impact(`/api/v1/messaging-accounts/${setup.accountId}`);
    expect(seen.outcome).toBe('archive');
    expect(effectOf(seen, 'workstreams')).toEqual({ kind: 'workstreams', count: 1, names: ['Support on whatsapp'] });
    expect(effectOf(seen, 'numbers')?.count).toBe(1);

    const refused = await call('DELETE', `/api/v1/messaging-accounts/${setup.accountId}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ACCOUNT_IN_USE');
    expect((await call('DELETE', `/api/v1/messaging-accounts/${setup.accountId}?detachWorkstreams=true`)).status).toBe(204);
    expect((await ok('GET', `/api/v1/workstreams/${workstreamId}`)).whatsapp.numberId).toBeNull();
    expect(await warnings()).toContainEqual(expect.objectContaining({ code: 'WORKSTREAM_WITHOUT_NUMBER', workstreamId }));
    expect(await audit(workstreamId)).toContain('updated');
  });

  it('refuses a workstream with open conversations, then archives it once they are closed; history still names it', async () => {
    // The account is gone, so this conversation is made on a new one.
    const account = await ok('POST', '/api/v1/messaging-accounts', { name: 'Second', channel: 'whatsapp', provider: 'twilio', accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    const number = await ok('POST', `/api/v1/messaging-accounts/${account.id}/numbers`, { name: 'Support', number: '+14155238886' });
    await ok('PATCH', `/api/v1/workstreams/${workstreamId}`, { whatsapp: { numberId: number.id } });
    const { conversationId } = await customerWrites(t, { ...setup, inboundUrl: account.inboundUrl }, { from: '+15550299999' });
    const refused = await impact(`/api/v1/workstreams/${workstreamId}`);
    expect(refused).toMatchObject({ outcome: 'refused', refusal: { code: 'WORKSTREAM_HAS_OPEN_CONVERSATIONS' } });
    expect(effectOf(refused, 'numbers')?.names).toEqual(['Support (+14155238886)']);
    expect((await call('DELETE', `/api/v1/workstreams/${workstreamId}`)).status).toBe(409);

    await ok('POST', `/api/v1/conversations/${conversationId}/close`);
    expect((await impact(`/api/v1/workstreams/${workstreamId}`)).outcome).toBe('archive');
    expect(await ok('DELETE', `/api/v1/workstreams/${workstreamId}`)).toEqual({ outcome: 'archived' });
    expect(((await ok('GET', '/api/v1/workstreams')).items as { id: string }[]).map((w) => w.id)).not.toContain(workstreamId);
    expect(await audit(workstreamId)).toContain('archived');
    expect((await ok('GET', `/api/v1/conversations/${conversationId}`)).workstreamId).toBe(workstreamId);
    // Its number is free for another workstream.
    expect((await call('POST', '/api/v1/workstreams', { name: 'Next', channel: 'whatsapp', mode: 'pick', fallbackQueueId: setup.queueId, whatsapp: { numberId: number.id } })).status).toBe(201);
  });

  it('answers the impact and delete routes only to admins, and 404 for what is not there', async () => {
    const supervisor = await t.userWithToken('supervisor');
    expect((await call('GET', `/api/v1/queues/${setup.queueId}/impact`, undefined, supervisor.token)).status).toBe(403);
    expect((await call('DELETE', `/api/v1/queues/${setup.queueId}`, undefined, supervisor.token)).status).toBe(403);
    expect((await call('GET', '/api/v1/queues/00000000-0000-4000-8000-000000000000/impact')).status).toBe(404);
    expect((await call('DELETE', '/api/v1/capacity-profiles/not-an-id')).status).toBe(400);
  });
});
