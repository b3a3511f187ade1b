import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import WebSocket from 'ws';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { downloadPendingMedia } from '../../src/server/media/download-media.js';
import { runOutboxOnce } from '../../src/server/outbox/worker.js';

const PASSWORD = 'correct horse battery'; // what test-app's userWithToken gives every user
const login = (t: TestApp, email: string, password: string, from: string) =>
  t.request('POST', '/api/v1/auth/login', { body: { email, password }, headers: { 'x-forwarded-for': from } });

describe.each(dbKinds)('sign-in, sessions, headers and secrets (%s)', (kind) => {
  let t: TestApp;
  let fake: FakeTwilio;
  let setup: WhatsappSetup;
  let internal: Server;
  let internalHits = 0;
  const logs: string[] = [];

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    // Every log line of the run, at the most talkative level, to look for secrets in it.
    const sink = new Writable({ write(chunk, _enc, done) { logs.push(String(chunk)); done(); } });
    // The test client stands in for a trusted proxy (TRUST_PROXY=127.0.0.1), so X-Forwarded-For names the caller.
    t = await startTestApp(kind, { config: { twilioApiBaseUrl: fake.baseUrl, trustProxy: '127.0.0.1' }, logger: { level: 'trace', stream: sink } });
    setup = await setupWhatsapp(t);
    // A service on the private network that a redirect might try to reach.
    internal = createServer((_req, res) => { internalHits++; res.end('internal secrets'); });
    await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    internal?.close();
  });

  it('throttles failed sign-ins per client address, across accounts, without touching other addresses', async () => {
    const agent = await t.userWithToken('agent');
    for (let i = 0; i < 20; i++) expect((await login(t, `guess${i}@test.local`, 'Summer2025!', '203.0.113.7')).status).toBe(401);
    const throttled = await login(t, agent.email, PASSWORD, '203.0.113.7');
    expect(throttled.status).toBe(429);
    expect(throttled.body.error).toMatchObject({ code: 'LOGIN_THROTTLED' });
    expect(throttled.body.error.retryAfterSeconds).toBeGreaterThan(0);
    expect((await login(t, agent.email, PASSWORD, '198.51.100.9')).status).toBe(200);
  });

  it('without a trusted proxy, ignores X-Forwarded-For: a guesser cannot escape the throttle by naming other addresses', async () => {
    const direct = await startTestApp(kind);
    try {
      const agent = await direct.userWithToken('agent');
      for (let i = 0; i < 20; i++) expect((await login(direct, `guess${i}@test.local`, 'Summer2025!', `203.0.113.${i + 1}`)).status).toBe(401);
      expect((await login(direct, agent.email, PASSWORD, '198.51.100.9')).status).toBe(429);
    } finally {
      await direct.close();
    }
  });

  it('locks an account after five wrong passwords, from any address, until the lock runs out', async () => {
    const user = await t.userWithToken('agent');
    for (let i = 0; i < 4; i++) expect((await login(t, user.email, 'wrong password', `192.0.2.${i + 1}`)).status).toBe(401);
    expect((await login(t, user.email, 'wrong password', '192.0.2.5')).body.error.code).toBe('ACCOUNT_LOCKED');
    expect((await login(t, user.email, PASSWORD, '192.0.2.6')).status).toBe(429);
    const realNow = t.ctx.now;
    t.ctx.now = () => new Date(Date.now() + 16 * 60_000);
    try {
      expect((await login(t, user.email, PASSWORD, '192.0.2.6')).status).toBe(200);
    } finally {
      t.ctx.now = realNow;
    }
  });

  it('needs the CSRF header for every cookie-authenticated write, changes nothing without it, and sets a strict cookie', async () => {
    const res = await fetch(`${t.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: (await t.userWithToken('admin')).email, password: PASSWORD }) });
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\//i);
    const cookie = setCookie.split(';')[0];
    const queues = async () => (await t.request('GET', '/api/v1/queues', { token: setup.admin.token })).body.items.length as number;
    const before = await queues();
    const write = (method: string, path: string, body: unknown, csrf: boolean) =>
      fetch(t.url + path, { method, headers: { cookie, 'content-type': 'application/json', ...(csrf ? { 'x-switchboard-csrf': '1' } : {}) }, body: JSON.stringify(body) });
    expect((await write('POST', '/api/v1/queues', { name: 'Forged' }, false)).status).toBe(403);
    expect((await write('PATCH', `/api/v1/queues/${setup.queueId}`, { name: 'Forged' }, false)).status).toBe(403);
    expect((await write('PUT', '/api/v1/retention', { retentionDays: 1 }, false)).status).toBe(403);
    expect((await write('DELETE', `/api/v1/messaging-accounts/${setup.accountId}`, {}, false)).status).toBe(403);
    expect(await queues()).toBe(before);
    expect((await t.request('GET', `/api/v1/messaging-accounts/${setup.accountId}`, { token: setup.admin.token })).status).toBe(200);
    expect((await t.request('GET', '/api/v1/retention', { token: setup.admin.token })).body.retentionDays).toBeNull();
    expect((await write('POST', '/api/v1/queues', { name: 'Real' }, true)).status).toBe(201);
    expect((await fetch(`${t.url}/api/v1/me`, { headers: { cookie } })).status).toBe(200);
    // No cross-origin reads either: the API sends no CORS permission to another site.
    const foreign = await fetch(`${t.url}/api/v1/me`, { headers: { cookie, origin: 'https://evil.example' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();

    const agent = await t.userWithToken('agent');
    t.ctx.config.secureCookies = true;
    try {
      const secure = await fetch(`${t.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: agent.email, password: PASSWORD }) });
      expect(secure.headers.get('set-cookie')).toMatch(/; Secure/i);
    } finally {
      t.ctx.config.secureCookies = false;
    }
  });

  it('sends secure headers on API answers, webhooks and health checks', async () => {
    for (const res of [
      await fetch(`${t.url}/api/v1/me`, { headers: { authorization: `Bearer ${setup.agent.token}` } }),
      await fetch(`${t.url}/api/v1/me`),
      await fetch(setup.inboundUrl, { method: 'POST' }),
      await fetch(`${t.url}/healthz`),
    ]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('x-request-id')).toBeTruthy();
    }
  });

  it('refuses to follow a media redirect to a private or non-Twilio host', async () => {
    const { port } = internal.address() as AddressInfo;
    const sid = 'MM' + 'ab'.repeat(16);
    const { conversationId } = await customerWrites(t, setup, {
      from: '+15550004001',
      extra: { MessageSid: sid, SmsMessageSid: sid, SmsSid: sid, NumMedia: '1', MessageType: 'image', MediaContentType0: 'image/png', MediaUrl0: fake.addMediaRedirect(sid, `http://127.0.0.1:${port}/latest/meta-data/`) },
    });
    await downloadPendingMedia(t.ctx);
    const [message] = (await t.request('GET', `/api/v1/conversations/${conversationId}/messages`, { token: setup.admin.token })).body.items;
    expect(message.media[0]).toMatchObject({ status: 'failed' });
    expect(message.media[0].error).toMatch(/not a Twilio host/);
    expect(internalHits).toBe(0);
  });

  it('keeps the Twilio auth token, passwords and session tokens out of API answers and logs through a whole scenario', async () => {
    const admin = setup.admin.token;
    const newToken = 'f00dfacef00dfacef00dfacef00dface';
    const newPassword = 'a brand new password 42';
    const secrets = [AUTH_TOKEN, newToken, PASSWORD, newPassword, 'wrong password attempt', admin, setup.agent.token, Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')];
    const answers: string[] = [];
    const call = async (method: string, path: string, token?: string, body?: unknown) => {
      const res = await t.request(method, path, { token, body });
      answers.push(JSON.stringify(res.body));
      return res;
    };

    await call('POST', '/api/v1/users', admin, { email: 'scenario@test.local', name: 'Scenario', password: newPassword, role: 'agent' });
    await call('POST', '/api/v1/auth/login', undefined, { email: 'scenario@test.local', password: 'wrong password attempt' });
    await call('POST', '/api/v1/messaging-accounts', admin, { name: 'Second', channel: 'whatsapp', provider: 'twilio', accountSid: 'AC' + '12'.repeat(16), authToken: newToken });
    await call('PATCH', `/api/v1/messaging-accounts/${setup.accountId}`, admin, { authToken: AUTH_TOKEN });
    await call('POST', `/api/v1/messaging-accounts/${setup.accountId}/validate`, admin);
    const socket = new WebSocket(`${t.url.replace('http', 'ws')}/api/v1/realtime?token=${setup.agent.token}`);
    await new Promise((resolve) => socket.once('message', resolve));
    const { conversationId } = await customerWrites(t, setup, { from: '+15550004002', body: 'My parcel, please' });
    await call('POST', `/api/v1/conversations/${conversationId}/pick`, setup.agent.token);
    await call('POST', `/api/v1/conversations/${conversationId}/messages`, setup.agent.token, { body: 'On it' });
    await runOutboxOnce(t.ctx);
    expect(await fake.sendStatusCallback(fake.messages.at(-1)!.sid, 'delivered')).toBe(200);
    for (const path of ['/api/v1/messaging-accounts', `/api/v1/messaging-accounts/${setup.accountId}`, '/api/v1/users', `/api/v1/users/${setup.agent.id}`, '/api/v1/me', '/api/v1/people', '/api/v1/audit-log?limit=200', `/api/v1/conversations/${conversationId}/messages`, `/api/v1/conversations/${conversationId}/timeline`]) {
      await call('GET', path, admin);
    }
    socket.close();
    await call('POST', '/api/v1/auth/logout', setup.agent.token);

    const log = logs.join('');
    expect(log).toContain(conversationId); // the scenario was logged
    expect(log).toContain('/api/v1/realtime');
    const everything = answers.join('\n');
    for (const secret of secrets) {
      expect(log.includes(secret), `a secret (${secret.slice(0, 4)}…) in the logs`).toBe(false);
      expect(everything.includes(secret), `a secret (${secret.slice(0, 4)}…) in an API answer`).toBe(false);
    }
    expect(everything).not.toMatch(/password_hash|passwordHash|auth_token|scrypt\$/i);
  });
});
