import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { decisionsTaken } from '../helpers/metrics.js';
import { expireOffers } from '../../src/server/routing/offers.js';
import { runRoutingSweep } from '../../src/server/routing/sweep.js';
import { conversationRow, createWorlds, fakeClock, nextCustomer, pendingOffer, timeline } from './routing-world.js';

describe.each(dbKinds)('routing: push offers, assignment methods, skills, capacity (%s)', (kind) => {
  let t: TestApp;
  let admin: { id: string; token: string };
  const { world } = createWorlds(() => t, () => admin);

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await t.userWithToken('admin');
  });
  afterAll(() => t?.close());

  it('offers new work to one agent, who accepts it: Active, on the timeline, in /me/offers until then', async () => {
    const w = await world({ agents: [{}] });
    const [agent] = w.agents;
    const decisions = () => decisionsTaken(t.url);
    const decisionsBefore = await decisions();
    const id = await w.write(nextCustomer(), 'Where is my order?');
    expect(await decisions()).toBe(decisionsBefore + 1);
    const offers = await t.request('GET', '/api/v1/me/offers', { token: agent.token });
    expect(offers.body.items).toHaveLength(1);
    expect(offers.body.items[0]).toMatchObject({ conversationId: id, agentId: agent.id, state: 'pending', secondsLeft: 120 });
    expect(offers.body.items[0].conversation.state).toBe('open');

    const accepted = await t.request('POST', `/api/v1/conversations/${id}/accept`, { token: agent.token });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ state: 'active', assignedAgentId: agent.id });
    expect((await t.request('GET', '/api/v1/me/offers', { token: agent.token })).body.items).toHaveLength(0);
    const again = await t.request('POST', `/api/v1/conversations/${id}/accept`, { token: agent.token });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('NO_PENDING_OFFER');
    expect((await timeline(t, id)).map((e) => e.type)).toEqual(expect.arrayContaining(['created', 'routing.routed', 'queued', 'offered', 'offer-accepted']));
  });

  it('reject sends the offer to the next eligible agent; the rejecting agent is skipped', async () => {
    const w = await world({ agents: [{}, {}] });
    const id = await w.write(nextCustomer());
    const first = (await pendingOffer(t, id))!;
    const firstAgent = w.agents.find((a) => a.id === first.agent_id)!;
    const otherAgent = w.agents.find((a) => a.id !== first.agent_id)!;
    const rejected = await t.request('POST', `/api/v1/conversations/${id}/reject`, { token: firstAgent.token });
    expect(rejected.status).toBe(200);
    const second = (await pendingOffer(t, id))!;
    expect(second.agent_id).toBe(otherAgent.id);
    // Another agent cannot accept an offer that is not theirs.
    expect((await t.request('POST', `/api/v1/conversations/${id}/accept`, { token: firstAgent.token })).status).toBe(409);
    const events = await timeline(t, id);
    const lastOffer = events.filter((e) => e.type === 'offered').at(-1)!.data as any;
    expect(lastOffer.considered.find((c: any) => c.agentId === firstAgent.id).reasons).toContain('rejected or missed this conversation recently');
  });

  it('an offer that times out goes to the next agent and counts as missed; enough misses make the agent Inactive', async () => {
    const clock = fakeClock(t);
    try {
      const w = await world({ agents: [{}, {}], workstream: { offerTimeoutSeconds: 30, inactiveAfterMissedOffers: 1 } });
      const id = await w.write(nextCustomer());
      const first = (await pendingOffer(t, id))!;
      expect(first.expires_at.getTime() - first.created_at.getTime()).toBe(30_000);
      clock.advance(29_000);
      expect(await expireOffers(t.ctx)).toBe(0);
      clock.advance(1_000);
      expect(await expireOffers(t.ctx)).toBeGreaterThanOrEqual(1);
      const missed = await t.ctx.db.selectFrom('users').select(['presence', 'presence_source', 'missed_offers']).where('id', '=', first.agent_id).executeTakeFirstOrThrow();
      expect(missed).toMatchObject({ presence: 'inactive', presence_source: 'system', missed_offers: 1 });
      const second = (await pendingOffer(t, id))!;
      expect(second.agent_id).not.toBe(first.agent_id);
      const late = await t.request('POST', `/api/v1/conversations/${id}/accept`, { token: w.agents.find((a) => a.id === first.agent_id)!.token });
      expect(late.status).toBe(409);
      expect((await timeline(t, id)).some((e) => e.type === 'offer-expired')).toBe(true);
    } finally {
      t.ctx.now = () => new Date();
    }
  });

  it('highest capacity: offers to the agent with the most free capacity', async () => {
    const w = await world({ agents: [{ capacity: 30 }, { capacity: 100 }, { capacity: 50 }], queue: { assignmentMethod: 'highest-capacity' } });
    const id = await w.write(nextCustomer());
    expect((await pendingOffer(t, id))!.agent_id).toBe(w.agents[1].id);
  });

  it('round robin: takes turns in the queue', async () => {
    const w = await world({ agents: [{}, {}, {}], queue: { assignmentMethod: 'round-robin' } });
    const offered: string[] = [];
    for (let i = 0; i < 6; i++) offered.push((await pendingOffer(t, await w.write(nextCustomer())))!.agent_id);
    expect(new Set(offered.slice(0, 3)).size).toBe(3);
    expect(offered.slice(3)).toEqual(offered.slice(0, 3));
  });

  it('least active: offers to the agent whose last work is oldest', async () => {
    const w = await world({ agents: [{}, {}], queue: { assignmentMethod: 'least-active' } });
    const [a, b] = w.agents;
    await t.ctx.db.updateTable('users').set({ last_activity_at: new Date(Date.now() - 60_000) }).where('id', '=', a.id).execute();
    await t.ctx.db.updateTable('users').set({ last_activity_at: new Date(Date.now() - 600_000) }).where('id', '=', b.id).execute();
    const id = await w.write(nextCustomer());
    expect((await pendingOffer(t, id))!.agent_id).toBe(b.id);
  });

  it('exact skills: only a qualified agent; without one the work waits, with the reason in diagnostics', async () => {
    const w = await world({
      agents: [{ skills: [{ name: 'billing', proficiency: 3 }], capacity: 100 }, { skills: [{ name: 'billing', proficiency: 8 }], capacity: 20 }],
      workstream: { skillMatching: 'exact' },
    });
    const ruleset = await t.request('POST', `/api/v1/workstreams/${w.workstreamId}/classification-rulesets`, {
      token: admin.token,
      body: { name: 'Skills', rules: [{ name: 'Billing', conditions: [{ field: 'message.first', operator: 'contains', value: 'invoice' }], outputs: { skills: [{ name: 'billing', proficiency: 5 }] } }] },
    });
    expect(ruleset.status).toBe(201);
    const id = await w.write(nextCustomer(), 'A question about my invoice');
    expect((await pendingOffer(t, id))!.agent_id).toBe(w.agents[1].id);

    // The qualified agent is full now (20 units, 10 reserved by the offer + 10 more): the next one waits.
    await t.request('POST', `/api/v1/conversations/${id}/accept`, { token: w.agents[1].token });
    const second = await w.write(nextCustomer(), 'invoice again');
    const third = await w.write(nextCustomer(), 'and another invoice');
    expect((await pendingOffer(t, second))!.agent_id).toBe(w.agents[1].id);
    expect(await pendingOffer(t, third)).toBeUndefined();
    const diagnostics = await t.request('GET', `/api/v1/conversations/${third}/diagnostics`, { token: admin.token });
    expect(diagnostics.status).toBe(200);
    const considered = diagnostics.body.now.considered;
    expect(considered.find((c: any) => c.agentId === w.agents[0].id).reasons.join()).toMatch(/exact skill match: lacks billing \(3 < 5\)/);
    expect(considered.find((c: any) => c.agentId === w.agents[1].id).reasons.join()).toMatch(/needs 10 capacity units, has 0 free/);
    expect(diagnostics.body.classification.outputs.skills).toEqual([{ name: 'billing', proficiency: 5 }]);
  });

  it('closest skills: exact first, then over-, then under-qualified', async () => {
    const w = await world({
      agents: [{ skills: [{ name: 'korean', proficiency: 2 }] }, { skills: [{ name: 'korean', proficiency: 9 }] }, { skills: [{ name: 'korean', proficiency: 5 }], capacity: 40 }],
      workstream: { skillMatching: 'closest' },
    });
    await t.request('POST', `/api/v1/workstreams/${w.workstreamId}/classification-rulesets`, {
      token: admin.token,
      body: { name: 'Language', rules: [{ name: 'Korean', conditions: [{ field: 'customer.country', operator: 'equals', value: 'KR' }], outputs: { skills: [{ name: 'korean', proficiency: 5 }] } }] },
    });
    const exact = await w.write(nextCustomer());
    expect((await pendingOffer(t, exact))!.agent_id).toBe(w.agents[2].id);
    // Take the exact agent away: the over-qualified one is next, then the under-qualified one.
    await t.request('PUT', '/api/v1/me/presence', { token: w.agents[2].token, body: { presence: 'away' } });
    expect((await pendingOffer(t, await w.write(nextCustomer())))!.agent_id).toBe(w.agents[1].id);
    await t.request('PUT', '/api/v1/me/presence', { token: w.agents[1].token, body: { presence: 'dnd' } });
    expect((await pendingOffer(t, await w.write(nextCustomer())))!.agent_id).toBe(w.agents[0].id);
  });

  it('never offers beyond capacity; freeing capacity (end with wrap-up blocking never) lets waiting work come', async () => {
    const w = await world({ agents: [{ capacity: 20 }], workstream: { wrapUpBlocking: 'never' } });
    const [agent] = w.agents;
    const ids = [await w.write(nextCustomer()), await w.write(nextCustomer()), await w.write(nextCustomer())];
    expect((await pendingOffer(t, ids[0]))?.agent_id).toBe(agent.id);
    expect((await pendingOffer(t, ids[1]))?.agent_id).toBe(agent.id);
    expect(await pendingOffer(t, ids[2])).toBeUndefined();
    // Full: the automatic presence shows Busy.
    expect((await t.request('GET', '/api/v1/me', { token: agent.token })).body).toMatchObject({ presence: 'busy', presenceSource: 'capacity' });
    await t.request('POST', `/api/v1/conversations/${ids[0]}/accept`, { token: agent.token });
    await t.request('POST', `/api/v1/conversations/${ids[1]}/accept`, { token: agent.token });
    const ended = await t.request('POST', `/api/v1/conversations/${ids[0]}/end`, { token: agent.token });
    expect(ended.body.state).toBe('wrap-up');
    expect((await pendingOffer(t, ids[2]))?.agent_id).toBe(agent.id);
  });

  it('wrap-up holds capacity for the timed period only', async () => {
    const clock = fakeClock(t);
    try {
      const w = await world({ agents: [{ capacity: 10 }], workstream: { wrapUpBlocking: 'timed', wrapUpBlockingSeconds: 60 } });
      const [agent] = w.agents;
      const first = await w.write(nextCustomer());
      await t.request('POST', `/api/v1/conversations/${first}/accept`, { token: agent.token });
      await t.request('POST', `/api/v1/conversations/${first}/end`, { token: agent.token });
      const second = await w.write(nextCustomer());
      expect(await pendingOffer(t, second)).toBeUndefined();
      clock.advance(61_000);
      await runRoutingSweep(t.ctx);
      expect((await pendingOffer(t, second))?.agent_id).toBe(agent.id);
    } finally {
      t.ctx.now = () => new Date();
    }
  });

  it('offers to allowed presences only, and an agent becoming available gets the waiting work', async () => {
    const w = await world({ agents: [{ presence: 'away' }] });
    const id = await w.write(nextCustomer());
    expect(await pendingOffer(t, id)).toBeUndefined();
    const waiting = (await timeline(t, id)).find((e) => e.type === 'routing.waiting')!.data as any;
    expect(waiting.considered[0].reasons[0]).toMatch(/presence "away" is not one of available, busy/);
    await t.request('PUT', '/api/v1/me/presence', { token: w.agents[0].token, body: { presence: 'available' } });
    expect((await pendingOffer(t, id))?.agent_id).toBe(w.agents[0].id);
  });

  it('an agent joining a queue gets its waiting work', async () => {
    const w = await world({ agents: [{ presence: 'offline' }] });
    const id = await w.write(nextCustomer());
    expect(await pendingOffer(t, id)).toBeUndefined();
    const newcomer = await t.userWithToken('agent');
    await t.request('PUT', '/api/v1/me/presence', { token: newcomer.token, body: { presence: 'available' } });
    const patched = await t.request('PATCH', `/api/v1/queues/${w.queueId}`, { token: admin.token, body: { agentIds: [w.agents[0].id, newcomer.id] } });
    expect(patched.status).toBe(200);
    expect((await pendingOffer(t, id))?.agent_id).toBe(newcomer.id);
  });

  it('affinity: a reply to a Waiting conversation goes back to its previous agent', async () => {
    const w = await world({ agents: [{ capacity: 100 }, { capacity: 100 }], workstream: { keepSameAgent: true } });
    const customer = nextCustomer();
    const id = await w.write(customer);
    const offer = (await pendingOffer(t, id))!;
    const owner = w.agents.find((a) => a.id === offer.agent_id)!;
    const other = w.agents.find((a) => a.id !== offer.agent_id)!;
    await t.request('POST', `/api/v1/conversations/${id}/accept`, { token: owner.token });
    expect((await t.request('POST', `/api/v1/conversations/${id}/wait`, { token: owner.token })).body.state).toBe('waiting');
    // Give the other agent clearly more free capacity: affinity still wins.
    await t.ctx.db.updateTable('users').set({ capacity: 1000 }).where('id', '=', other.id).execute();
    expect(await w.write(customer, 'I am back')).toBe(id);
    const row = await conversationRow(t, id);
    expect(row).toMatchObject({ state: 'active', assigned_agent_id: owner.id });
    expect((await timeline(t, id)).find((e) => e.type === 'assigned')?.data).toMatchObject({ how: 'affinity', agentId: owner.id });
  });

  it('without affinity a reply to a Waiting conversation is routed afresh', async () => {
    const w = await world({ agents: [{}] });
    const customer = nextCustomer();
    const id = await w.write(customer);
    await t.request('POST', `/api/v1/conversations/${id}/accept`, { token: w.agents[0].token });
    await t.request('POST', `/api/v1/conversations/${id}/wait`, { token: w.agents[0].token });
    await w.write(customer, 'hello again');
    expect(await conversationRow(t, id)).toMatchObject({ state: 'open', assigned_agent_id: null });
    expect((await pendingOffer(t, id))?.agent_id).toBe(w.agents[0].id);
  });

  it('capacity profiles limit items per agent, with per-agent overrides', async () => {
    const profile = await t.request('POST', '/api/v1/capacity-profiles', { token: admin.token, body: { name: `Chat ${Math.random()}`, defaultMaxItems: 1 } });
    expect(profile.status).toBe(201);
    const w = await world({ agents: [{}, {}], workstream: { capacityProfileId: profile.body.id } });
    await t.request('PATCH', `/api/v1/users/${w.agents[1].id}`, { token: admin.token, body: { capacityProfiles: [{ profileId: profile.body.id, maxItems: 2 }] } });
    const offered = [];
    for (let i = 0; i < 4; i++) offered.push((await pendingOffer(t, await w.write(nextCustomer())))?.agent_id ?? null);
    expect(offered.filter((a) => a === w.agents[0].id)).toHaveLength(1);
    expect(offered.filter((a) => a === w.agents[1].id)).toHaveLength(2);
    expect(offered.filter((a) => a === null)).toHaveLength(1);
  });
});
