import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { listen } from '../helpers/realtime-listener.js';

describe.each(dbKinds)('realtime events and who may see what (%s)', (kind) => {
  let t: TestApp;
  let setup: WhatsappSetup;
  let outsider: { id: string; token: string };
  let supervisor: { token: string };

  beforeAll(async () => {
    t = await startTestApp(kind);
    setup = await setupWhatsapp(t);
    outsider = await t.userWithToken('agent', { name: 'Other queue agent' });
    await t.request('POST', '/api/v1/queues', { token: setup.admin.token, body: { name: 'Billing', agentIds: [outsider.id] } });
    supervisor = await t.userWithToken('supervisor');
  });
  afterAll(() => t?.close());

  it("pushes a new conversation and its message to the queue's agents, not to other queues' agents", async () => {
    const agent = await listen(t.url, setup.agent.token);
    const other = await listen(t.url, outsider.token);
    const sup = await listen(t.url, supervisor.token);
    try {
      const media = { NumMedia: '1', MediaUrl0: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1', MediaContentType0: 'image/jpeg' };
      const { conversationId } = await customerWrites(t, setup, { from: '+15550002001', body: 'Realtime hello', extra: media });
      const created = (await agent.waitFor((f) => f.type === 'message.created' && f.data.message.body === 'Realtime hello'))!;
      // What the socket carries is the message as the API shows it, media included.
      const listed = await t.request('GET', `/api/v1/conversations/${conversationId}/messages`, { token: setup.agent.token });
      expect(created.data.message.media).toHaveLength(1);
      expect(created.data.message).toEqual(listed.body.items.find((m: { id: string }) => m.id === created.data.message.id));
      expect(await agent.waitFor((f) => f.type === 'conversation.created')).toBeDefined();
      expect(await sup.waitFor((f) => f.type === 'message.created' && f.data.message.body === 'Realtime hello')).toBeDefined();
      expect((await other.framesBefore(t.ctx.events, outsider.id)).filter((f) => f.type !== 'hello')).toEqual([]);
    } finally {
      agent.close();
      other.close();
      sup.close();
    }
  });

  it('refuses a socket without a valid session', async () => {
    const socket = new WebSocket(`${t.url.replace('http', 'ws')}/api/v1/realtime?token=nope`);
    const code = await new Promise<number>((resolve) => socket.on('close', (c) => resolve(c)));
    expect(code).toBe(4401);
  });

  it("keeps other queues' conversations away from an agent: not listed, not readable, not writable", async () => {
    const { conversationId } = await customerWrites(t, setup, { from: '+15550002002' });
    const list = await t.request('GET', '/api/v1/conversations', { token: outsider.token });
    expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(conversationId);
    expect((await t.request('GET', `/api/v1/conversations/${conversationId}`, { token: outsider.token })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/conversations/${conversationId}/messages`, { token: outsider.token })).status).toBe(404);
    expect((await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: outsider.token })).status).toBe(404);
    const mine = await t.request('GET', '/api/v1/conversations', { token: setup.agent.token });
    expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(conversationId);
  });

  it('lets only the assignee (or a supervisor) reply, and walks open → active → wrap-up → closed', async () => {
    const { conversationId } = await customerWrites(t, setup, { from: '+15550002003' });
    const colleague = await t.userWithToken('agent');
    await t.request('PATCH', `/api/v1/queues/${setup.queueId}`, { token: setup.admin.token, body: { agentIds: [setup.agent.id, colleague.id] } });
    expect((await t.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: setup.agent.token, body: { body: 'hi' } })).status).toBe(403);
    expect((await t.request('POST', `/api/v1/conversations/${conversationId}/end`, { token: setup.agent.token })).status).toBe(403);
    expect((await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token })).body.state).toBe('active');
    const second = await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: colleague.token });
    expect(second.status).toBe(409);
    expect((await t.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: colleague.token, body: { body: 'me too' } })).status).toBe(403);
    expect((await t.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: setup.agent.token, body: { body: 'On it!' } })).status).toBe(201);
    expect((await t.request('POST', `/api/v1/conversations/${conversationId}/end`, { token: setup.agent.token })).body.state).toBe('wrap-up');
    const again = await t.request('POST', `/api/v1/conversations/${conversationId}/end`, { token: setup.agent.token });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'wrap-up' });
    expect((await t.request('POST', `/api/v1/conversations/${conversationId}/close`, { token: setup.agent.token })).body.state).toBe('closed');
    const timeline = await t.request('GET', `/api/v1/conversations/${conversationId}/timeline`, { token: setup.admin.token });
    expect(timeline.body.items.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['created', 'queued', 'assigned', 'state-changed']));

    // Closed is final: the customer writing again starts a new conversation.
    const next = await customerWrites(t, setup, { from: '+15550002003', body: 'One more thing' });
    expect(next.conversationId).not.toBe(conversationId);
  });

  it('admins manage users; agents and anonymous callers cannot', async () => {
    const body = { email: 'new.agent@test.local', name: 'New Agent', password: 'long enough password', role: 'agent' };
    expect((await t.request('POST', '/api/v1/users', { token: setup.agent.token, body })).status).toBe(403);
    expect((await t.request('POST', '/api/v1/users', { body })).status).toBe(401);
    const created = await t.request('POST', '/api/v1/users', { token: setup.admin.token, body });
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('password_hash');
    expect((await t.request('POST', '/api/v1/users', { token: setup.admin.token, body })).status).toBe(409);
    const login = await t.request('POST', '/api/v1/auth/login', { body: { email: body.email, password: body.password } });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email: body.email, role: 'agent' });
  });

  it('locks an account after five wrong passwords', async () => {
    const victim = await t.userWithToken('agent', { email: 'victim@test.local' });
    void victim;
    const attempt = (password: string) => t.request('POST', '/api/v1/auth/login', { body: { email: 'victim@test.local', password } });
    for (let i = 0; i < 4; i++) expect((await attempt('wrong password')).status).toBe(401);
    const locked = await attempt('wrong password');
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('ACCOUNT_LOCKED');
    expect((await attempt('correct horse battery')).status).toBe(429);
  });

  it('needs the CSRF header for cookie-authenticated writes', async () => {
    const login = await fetch(`${t.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'new.agent@test.local', password: 'long enough password' }),
    });
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const sessionCookie = cookie.split(';')[0];
    const withoutHeader = await fetch(`${t.url}/api/v1/me/presence`, { method: 'PUT', headers: { cookie: sessionCookie, 'content-type': 'application/json' }, body: '{"presence":"busy"}' });
    expect(withoutHeader.status).toBe(403);
    const withHeader = await fetch(`${t.url}/api/v1/me/presence`, {
      method: 'PUT',
      headers: { cookie: sessionCookie, 'content-type': 'application/json', 'x-switchboard-csrf': '1' },
      body: '{"presence":"busy"}',
    });
    expect(withHeader.status).toBe(200);
    const me = await fetch(`${t.url}/api/v1/me`, { headers: { cookie: sessionCookie } });
    expect((await me.json()).presence).toBe('busy');
  });
});
