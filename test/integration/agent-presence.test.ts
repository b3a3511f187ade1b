import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createUser } from '../../src/server/users/create-user.js';
import { customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';

const PASSWORD = 'correct horse battery';

/**
 * Presence follows work: signing in sets the user's default presence, and an agent who picks a
 * conversation while Offline is not left shown as Offline.
 */
describe.each(dbKinds)('agent presence at sign-in and at work (%s)', (kind) => {
  let t: TestApp;
  let setup: WhatsappSetup;
  let users = 0;
  let customers = 0;

  beforeAll(async () => {
    t = await startTestApp(kind);
    setup = await setupWhatsapp(t);
  });
  afterAll(() => t?.close());

  const presenceOf = (id: string) => t.ctx.db.selectFrom('users').select(['presence', 'presence_source']).where('id', '=', id).executeTakeFirstOrThrow();
  const history = async (id: string) => (await t.ctx.db.selectFrom('presence_history').select('presence').where('user_id', '=', id).orderBy('changed_at').execute()).map((r) => r.presence);

  async function newUser(role: 'agent' | 'admin' | 'supervisor') {
    users += 1;
    const email = `presence-${role}-${users}@test.local`;
    const user = await createUser(t.ctx.db, { email, name: `Presence ${role} ${users}`, password: PASSWORD, role });
    return { ...user, email };
  }
  async function signIn(email: string): Promise<string> {
    const login = await t.request('POST', '/api/v1/auth/login', { body: { email, password: PASSWORD } });
    expect(login.status).toBe(200);
    return login.body.token;
  }
  const setPresence = async (token: string, presence: string) => expect((await t.request('PUT', '/api/v1/me/presence', { token, body: { presence } })).status).toBe(200);

  it("signs an Offline agent in as their default presence (Available), and admins and supervisors stay Offline", async () => {
    const agent = await newUser('agent');
    expect(agent).toMatchObject({ presence: 'offline', defaultPresence: 'available' });
    const token = await signIn(agent.email);
    expect(await presenceOf(agent.id)).toEqual({ presence: 'available', presence_source: 'system' });
    expect((await t.request('GET', '/api/v1/me', { token })).body).toMatchObject({ presence: 'available', defaultPresence: 'available' });
    expect(await history(agent.id)).toEqual(['available']);

    for (const role of ['admin', 'supervisor'] as const) {
      const lead = await newUser(role);
      expect(lead.defaultPresence).toBe('offline');
      await signIn(lead.email);
      expect((await presenceOf(lead.id)).presence).toBe('offline');
    }
  });

  it('keeps a presence the agent chose when they sign in again, and takes an Offline one back to the default', async () => {
    const agent = await newUser('agent');
    const token = await signIn(agent.email);
    await setPresence(token, 'dnd');
    await signIn(agent.email);
    expect(await presenceOf(agent.id)).toEqual({ presence: 'dnd', presence_source: 'agent' });
    await setPresence(token, 'offline');
    await signIn(agent.email);
    expect((await presenceOf(agent.id)).presence).toBe('available');
  });

  it("lets an admin change a user's default presence, and refuses an unknown one naming the field", async () => {
    const agent = await newUser('agent');
    const admin = setup.admin;
    const bad = await t.request('PATCH', `/api/v1/users/${agent.id}`, { token: admin.token, body: { defaultPresence: 'asleep' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('defaultPresence');
    expect((await t.request('GET', `/api/v1/users/${agent.id}`, { token: admin.token })).body.defaultPresence).toBe('available');

    const changed = await t.request('PATCH', `/api/v1/users/${agent.id}`, { token: admin.token, body: { defaultPresence: 'busy' } });
    expect(changed.status).toBe(200);
    expect(changed.body.defaultPresence).toBe('busy');
    await signIn(agent.email);
    expect((await presenceOf(agent.id)).presence).toBe('busy');

    const created = await t.request('POST', '/api/v1/users', { token: admin.token, body: { email: 'away-by-default@test.local', name: 'Away', password: PASSWORD, role: 'agent', defaultPresence: 'away' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ presence: 'offline', defaultPresence: 'away' });
  });

  it('shows an agent who picks a conversation while Offline as their default presence, or Available when that is Offline too', async () => {
    const join = async (id: string) => {
      const queue = await t.request('GET', `/api/v1/queues/${setup.queueId}`, { token: setup.admin.token });
      expect((await t.request('PATCH', `/api/v1/queues/${setup.queueId}`, { token: setup.admin.token, body: { agentIds: [...queue.body.agentIds, id] } })).status).toBe(200);
    };
    const pickAsOffline = async (agent: { id: string; email: string }) => {
      const token = await signIn(agent.email);
      await join(agent.id);
      await setPresence(token, 'offline');
      customers += 1;
      const { conversationId } = await customerWrites(t, setup, { from: `+1555000410${customers}`, body: 'Anyone there?' });
      const picked = await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token });
      expect(picked.status).toBe(200);
      return presenceOf(agent.id);
    };

    expect(await pickAsOffline(await newUser('agent'))).toEqual({ presence: 'available', presence_source: 'system' });

    const offlineByDefault = await newUser('agent');
    await t.request('PATCH', `/api/v1/users/${offlineByDefault.id}`, { token: setup.admin.token, body: { defaultPresence: 'offline' } });
    expect(await pickAsOffline(offlineByDefault)).toEqual({ presence: 'available', presence_source: 'system' });

    // A presence other than Offline is the agent's own and stays while they pick.
    const busy = await newUser('agent');
    const token = await signIn(busy.email);
    await join(busy.id);
    await setPresence(token, 'busy');
    customers += 1;
    const { conversationId } = await customerWrites(t, setup, { from: `+1555000410${customers}`, body: 'Hello?' });
    expect((await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token })).status).toBe(200);
    expect(await presenceOf(busy.id)).toEqual({ presence: 'busy', presence_source: 'agent' });
  });
});
