import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { conversationRow, createWorlds, nextCustomer, pendingOffer, timeline } from './routing-world.js';

describe.each(dbKinds)('routing: state machine, pick races, transfer (%s)', (kind) => {
  let t: TestApp;
  let admin: { id: string; token: string };
  const { world, agent } = createWorlds(() => t, () => admin);

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await t.userWithToken('admin');
  });
  afterAll(() => t?.close());

  const post = (token: string, id: string, action: string, body?: unknown) => t.request('POST', `/api/v1/conversations/${id}/${action}`, { token, body });

  it('walks Open → Active → Waiting → Active → Wrap-up → Closed and refuses illegal moves with 409 and the state', async () => {
    const w = await world({ mode: 'pick' });
    const [a] = w.agents;
    const id = await w.write(nextCustomer());
    expect((await post(a.token, id, 'end')).status).toBe(403);
    expect((await post(a.token, id, 'pick')).body.state).toBe('active');
    const illegal = await post(a.token, id, 'resume');
    expect(illegal.status).toBe(409);
    expect(illegal.body.error).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'active' });
    expect((await post(a.token, id, 'wait')).body.state).toBe('waiting');
    expect((await post(a.token, id, 'resume')).body.state).toBe('active');
    expect((await post(a.token, id, 'end')).body.state).toBe('wrap-up');
    const transferInWrapUp = await post(a.token, id, 'transfer', { queueId: w.queueId });
    expect(transferInWrapUp.status).toBe(409);
    expect(transferInWrapUp.body.error.state).toBe('wrap-up');
    expect((await post(a.token, id, 'close')).body.state).toBe('closed');
    const closedAgain = await post(a.token, id, 'close');
    expect(closedAgain.status).toBe(409);
    expect(closedAgain.body.error.state).toBe('closed');
    const moves = (await timeline(t, id)).filter((e) => e.type === 'state-changed').map((e) => `${(e.data as any).from}→${(e.data as any).to}`);
    expect(moves).toEqual(['active→waiting', 'waiting→active', 'active→wrap-up', 'wrap-up→closed']);
  });

  it('pick race: of many agents picking at once exactly one wins, the others get a clear 409', async () => {
    const w = await world({ mode: 'pick', agents: [{}, {}, {}, {}, {}, {}] });
    const id = await w.write(nextCustomer());
    const results = await Promise.all(w.agents.map((a) => post(a.token, id, 'pick')));
    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    for (const r of results.filter((r) => r.status !== 200)) {
      expect(r.status).toBe(409);
      expect(['ALREADY_ASSIGNED', 'ILLEGAL_TRANSITION']).toContain(r.body.error.code);
    }
    expect((await conversationRow(t, id)).assigned_agent_id).toBe(winners[0].body.assignedAgentId);
    expect((await timeline(t, id)).filter((e) => e.type === 'assigned')).toHaveLength(1);
  });

  it('pick respects capacity: an agent at capacity gets 409 CAPACITY_FULL; an agent of another queue cannot see it', async () => {
    const w = await world({ mode: 'pick', agents: [{ capacity: 10 }] });
    const [a] = w.agents;
    const first = await w.write(nextCustomer());
    const second = await w.write(nextCustomer());
    expect((await post(a.token, first, 'pick')).status).toBe(200);
    const full = await post(a.token, second, 'pick');
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe('CAPACITY_FULL');
    expect(full.body.error.message).toMatch(/needs 10 capacity units, has 0 free of 10/);
    const outsider = await agent();
    expect((await post(outsider.token, second, 'pick')).status).toBe(404);
  });

  it('pick is refused while the conversation is offered to another agent (push)', async () => {
    const w = await world({ mode: 'push', agents: [{}, {}] });
    const id = await w.write(nextCustomer());
    const offer = (await pendingOffer(t, id))!;
    const other = w.agents.find((a) => a.id !== offer.agent_id)!;
    const res = await post(other.token, id, 'pick');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('OFFERED_TO_ANOTHER');
  });

  it('transfer to a queue: Open there, routed again, previous agent freed; recorded on the timeline', async () => {
    const w = await world({ mode: 'push', agents: [{ capacity: 10 }] });
    const target = await world({ mode: 'push', agents: [{}] });
    const [a] = w.agents;
    const id = await w.write(nextCustomer());
    await post(a.token, id, 'accept');
    const moved = await post(a.token, id, 'transfer', { queueId: target.queueId, note: 'billing question' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ queueId: target.queueId });
    expect((await pendingOffer(t, id))?.agent_id).toBe(target.agents[0].id);
    const transferred = (await timeline(t, id)).find((e) => e.type === 'transferred')!.data as any;
    expect(transferred).toMatchObject({ fromQueueId: w.queueId, toQueueId: target.queueId, fromAgentId: a.id, note: 'billing question', from: 'active', to: 'open' });
    // Capacity came back to the first agent: new work reaches them.
    expect((await pendingOffer(t, await w.write(nextCustomer())))?.agent_id).toBe(a.id);
  });

  it('transfer to an agent: offered in push mode, Active at once in pick mode, refused beyond capacity', async () => {
    const push = await world({ mode: 'push', agents: [{}, { presence: 'away' }] });
    const id = await push.write(nextCustomer());
    await post(push.agents[0].token, id, 'accept');
    const toAgent = await post(push.agents[0].token, id, 'transfer', { agentId: push.agents[1].id });
    expect(toAgent.status).toBe(200);
    expect((await pendingOffer(t, id))?.agent_id).toBe(push.agents[1].id);
    expect((await post(push.agents[1].token, id, 'accept')).body).toMatchObject({ state: 'active', assignedAgentId: push.agents[1].id });

    const pick = await world({ mode: 'pick', agents: [{}, { capacity: 0 }, {}] });
    const p = await pick.write(nextCustomer());
    await post(pick.agents[0].token, p, 'pick');
    const refused = await post(pick.agents[0].token, p, 'transfer', { agentId: pick.agents[1].id });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CAPACITY_FULL');
    expect((await conversationRow(t, p)).assigned_agent_id).toBe(pick.agents[0].id);
    const ok = await post(admin.token, p, 'transfer', { agentId: pick.agents[2].id });
    expect(ok.body).toMatchObject({ state: 'active', assignedAgentId: pick.agents[2].id });
  });

  it('consult: the consulted agent reads but cannot write until added; then writes', async () => {
    const w = await world({ mode: 'pick' });
    const [owner] = w.agents;
    const expert = await agent();
    const id = await w.write(nextCustomer());
    await post(owner.token, id, 'pick');
    expect((await t.request('GET', `/api/v1/conversations/${id}/messages`, { token: expert.token })).status).toBe(404);
    const consulted = await post(owner.token, id, 'consult', { agentId: expert.id });
    expect(consulted.status).toBe(200);
    expect(consulted.body.items).toEqual([expect.objectContaining({ userId: expert.id, mode: 'consult', invitedBy: owner.id })]);
    expect((await t.request('GET', `/api/v1/conversations/${id}/messages`, { token: expert.token })).status).toBe(200);
    const readOnly = await post(expert.token, id, 'messages', { body: 'I know this one' });
    expect(readOnly.status).toBe(403);
    expect(readOnly.body.error.message).toMatch(/read-only until the assigned agent adds you/);
    expect((await post(expert.token, id, 'end')).status).toBe(403);
    const added = await t.request('POST', `/api/v1/conversations/${id}/participants/${expert.id}`, { token: owner.token });
    expect(added.body.items[0].mode).toBe('participant');
    expect((await post(expert.token, id, 'messages', { body: 'I know this one' })).status).toBe(201);
    expect((await timeline(t, id)).map((e) => e.type)).toEqual(expect.arrayContaining(['consult-invited', 'participant-added']));
    // Only someone who may act invites.
    const stranger = await agent();
    expect((await post(expert.token, id, 'consult', { agentId: stranger.id })).status).toBe(200);
    const outsider = await agent();
    expect((await post(outsider.token, id, 'consult', { agentId: stranger.id })).status).toBe(404);
  });

  it('documents every routing route in the OpenAPI document', async () => {
    const doc = await t.request('GET', '/api/docs/json');
    expect(doc.status).toBe(200);
    for (const path of [
      '/api/v1/me/offers', '/api/v1/conversations/{id}/accept', '/api/v1/conversations/{id}/reject', '/api/v1/conversations/{id}/transfer',
      '/api/v1/conversations/{id}/consult', '/api/v1/conversations/{id}/diagnostics', '/api/v1/workstreams/{id}/routing-rules',
      '/api/v1/workstreams/{id}/classification-rulesets', '/api/v1/workstreams/{id}/routing/test', '/api/v1/capacity-profiles',
    ]) expect(Object.keys(doc.body.paths), path).toContain(path);
    expect(doc.body.paths['/api/v1/workstreams/{id}/routing-rules'].post.requestBody).toBeDefined();
  });

  it('diagnostics explain the decisions as data; agents of other queues cannot read them', async () => {
    const w = await world({ mode: 'push', agents: [{}, { presence: 'dnd' }] });
    const id = await w.write(nextCustomer(), 'hello');
    const res = await t.request('GET', `/api/v1/conversations/${id}/diagnostics`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.queue).toMatchObject({ id: w.queueId, assignmentMethod: 'highest-capacity' });
    expect(res.body.routeToQueue).toMatchObject({ reason: 'fallback-no-match', queueId: w.queueId });
    const offered = res.body.decisions.find((d: any) => d.type === 'offered').data;
    expect(offered.agentId).toBe(w.agents[0].id);
    expect(offered.considered.find((c: any) => c.agentId === w.agents[1].id)).toMatchObject({ eligible: false, reasons: ['presence "dnd" is not one of available, busy'] });
    const outsider = await agent();
    expect((await t.request('GET', `/api/v1/conversations/${id}/diagnostics`, { token: outsider.token })).status).toBe(404);
  });
});
