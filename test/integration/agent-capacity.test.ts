import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';

describe.each(dbKinds)('the capacity an agent sees in the workspace (%s)', (kind) => {
  let t: TestApp;
  let setup: WhatsappSetup;

  beforeAll(async () => {
    t = await startTestApp(kind);
    setup = await setupWhatsapp(t);
  });
  afterAll(() => t?.close());

  const capacity = async () => (await t.request('GET', '/api/v1/me/capacity', { token: setup.agent.token })).body;

  it('counts the units of the conversations the agent holds, and frees them on Waiting', async () => {
    const workstreams = await t.request('GET', '/api/v1/workstreams', { token: setup.admin.token });
    const units = workstreams.body.items[0].capacityPerConversation as number;
    const me = await t.request('GET', '/api/v1/me', { token: setup.agent.token });
    expect(await capacity()).toEqual({ used: 0, total: me.body.capacity });

    const { conversationId } = await customerWrites(t, setup, { from: '+15550002001' });
    expect((await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token })).status).toBe(200);
    expect((await capacity()).used).toBe(units);

    expect((await t.request('POST', `/api/v1/conversations/${conversationId}/wait`, { token: setup.agent.token })).status).toBe(200);
    expect((await capacity()).used).toBe(0);
  });

  it('needs a signed-in user', async () => {
    expect((await t.request('GET', '/api/v1/me/capacity')).status).toBe(401);
  });
});

describe.each(dbKinds)('the people an agent may name in a transfer or consult (%s)', (kind) => {
  let t: TestApp;
  let setup: WhatsappSetup;

  beforeAll(async () => {
    t = await startTestApp(kind);
    setup = await setupWhatsapp(t);
  });
  afterAll(() => t?.close());

  it('lists colleagues with name, role, presence and load, and no emails', async () => {
    const { conversationId } = await customerWrites(t, setup, { from: '+15550009901', body: 'Counted in the load' });
    expect((await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token })).status).toBe(200);
    const people = await t.request('GET', '/api/v1/people', { token: setup.agent.token });
    expect(people.status).toBe(200);
    expect(people.body.items).toContainEqual({ id: setup.admin.id, name: expect.any(String), role: 'admin', presence: expect.any(String), used: 0, capacity: 100 });
    // The workstream counts a conversation as one unit of the agent's 100.
    expect(people.body.items).toContainEqual({ id: setup.agent.id, name: 'Grace Agent', role: 'agent', presence: 'available', used: 1, capacity: 100 });
    expect(JSON.stringify(people.body)).not.toContain('@');
    expect((await t.request('GET', '/api/v1/people')).status).toBe(401);
  });
});
