import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { dbKinds } from '../helpers/databases.js';
import { eventually } from '../helpers/eventually.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { runRoutingSweep } from '../../src/server/routing/sweep.js';
import { OFFLINE_AFTER_MS } from '../../src/server/users/presence.js';
import { createWorlds, fakeClock, nextCustomer, pendingOffer } from './routing-world.js';

describe.each(dbKinds)('routing: automatic presence and realtime offers (%s)', (kind) => {
  let t: TestApp;
  let admin: { id: string; token: string };
  const { world } = createWorlds(() => t, () => admin);

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await t.userWithToken('admin');
  });
  afterAll(() => t?.close());

  const presenceOf = async (id: string) => t.ctx.db.selectFrom('users').select(['presence', 'presence_source']).where('id', '=', id).executeTakeFirstOrThrow();

  async function connect(token: string) {
    const socket = new WebSocket(`${t.url.replace('http', 'ws')}/api/v1/realtime?token=${token}`);
    const messages: { type: string; data: any }[] = [];
    socket.on('message', (raw) => messages.push(JSON.parse(String(raw))));
    // Hello comes once the server has recorded the connection (see realtime/routes.ts).
    await new Promise<void>((resolve) => socket.on('message', (raw) => JSON.parse(String(raw)).type === 'hello' && resolve()));
    return { socket, messages, close: () => new Promise<void>((resolve) => { socket.once('close', () => resolve()); socket.close(); }) };
  }


  it('pushes offer.created to the agent live, and offer.expired when it runs out', async () => {
    const clock = fakeClock(t);
    try {
      const w = await world({ agents: [{}], workstream: { offerTimeoutSeconds: 10, inactiveAfterMissedOffers: 0 } });
      const live = await connect(w.agents[0].token);
      const id = await w.write(nextCustomer(), 'hello');
      await eventually(async () => live.messages.some((m) => m.type === 'offer.created'), 'offer.created on the socket');
      const created = live.messages.find((m) => m.type === 'offer.created')!;
      expect(created.data.offer).toMatchObject({ conversationId: id, agentId: w.agents[0].id });
      expect(created.data.conversation.id).toBe(id);
      clock.advance(10_000);
      await runRoutingSweep(t.ctx);
      await eventually(async () => live.messages.some((m) => m.type === 'offer.expired'), 'offer.expired on the socket');
      expect(live.messages.find((m) => m.type === 'offer.expired')!.data).toMatchObject({ conversationId: id });
      await live.close();
    } finally {
      t.ctx.now = () => new Date();
    }
  });

  it('goes Offline 2.5 minutes after the last realtime connection closes, and back to Available on reconnecting', async () => {
    const clock = fakeClock(t);
    try {
      const w = await world({ agents: [{}] });
      const [agent] = w.agents;
      const first = await connect(agent.token);
      const second = await connect(agent.token);
      await first.close();
      clock.advance(OFFLINE_AFTER_MS + 1000);
      await runRoutingSweep(t.ctx);
      // Another connection is still open (its heartbeat keeps the agent seen).
      expect((await presenceOf(agent.id)).presence).toBe('available');
      await second.close();
      await eventually(async () => (await t.ctx.db.selectFrom('users').select('last_seen_at').where('id', '=', agent.id).executeTakeFirstOrThrow()).last_seen_at?.getTime() === t.ctx.now().getTime(), 'the last connection seen closing');
      clock.advance(OFFLINE_AFTER_MS - 1000);
      await runRoutingSweep(t.ctx);
      expect((await presenceOf(agent.id)).presence).toBe('available');
      clock.advance(2000);
      await runRoutingSweep(t.ctx);
      expect(await presenceOf(agent.id)).toEqual({ presence: 'offline', presence_source: 'system' });
      // Offline agents get no offers.
      const id = await w.write(nextCustomer());
      expect(await pendingOffer(t, id)).toBeUndefined();
      const back = await connect(agent.token);
      expect((await presenceOf(agent.id)).presence).toBe('available'); // restored before hello
      await runRoutingSweep(t.ctx);
      expect((await pendingOffer(t, id))?.agent_id).toBe(agent.id);
      await back.close();
    } finally {
      t.ctx.now = () => new Date();
    }
  });

  it('an agent who chose Offline stays Offline when connecting', async () => {
    const w = await world({ agents: [{ presence: 'offline' }] });
    const live = await connect(w.agents[0].token);
    expect(await presenceOf(w.agents[0].id)).toEqual({ presence: 'offline', presence_source: 'agent' });
    await live.close();
  });
});
