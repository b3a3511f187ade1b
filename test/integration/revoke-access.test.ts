import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import pg from 'pg';
import { sql } from 'kysely';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { listen } from '../helpers/realtime-listener.js';
import { startSecondProcess } from '../helpers/second-process.js';
import { untilOneWaitsForALock } from '../helpers/lock-waits.js';
import { eventually } from '../helpers/eventually.js';
import { updateUser } from '../../src/server/users/update-user.js';
import { capacityInUse } from '../../src/server/routing/capacity.js';
import { loadWorkItems } from '../../src/server/routing/store.js';
import { createWorlds, nextCustomer, pendingOffer, conversationRow } from './routing-world.js';

const locksWaited = async (t: TestApp) =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(t.ctx.db)).rows[0].n;

const PASSWORD = 'correct horse battery'; // what test-app's userWithToken gives every user
const ALLOWED = 'https://console.example.com';

describe.each(dbKinds)('revoking access (%s)', (kind) => {
  let t: TestApp;
  let admin: { id: string; token: string; email: string };
  const { world } = createWorlds(() => t, () => admin);

  beforeAll(async () => {
    t = await startTestApp(kind, { config: { allowedOrigins: [ALLOWED] } });
    admin = await t.userWithToken('admin');
  });
  afterAll(() => t?.close());

  const patchUser = (id: string, body: unknown, token = admin.token) => t.request('PATCH', `/api/v1/users/${id}`, { token, body });
  const login = (email: string, password = PASSWORD, headers: Record<string, string> = {}) =>
    t.request('POST', '/api/v1/auth/login', { body: { email, password }, headers });
  /** A browser-like session: the cookie the login sets. */
  async function cookieSession(email: string, password = PASSWORD) {
    const res = await login(email, password);
    expect(res.status).toBe(200);
    return { cookie: res.headers.get('set-cookie')!.split(';')[0], token: res.body.token as string };
  }
  const meWithCookie = (cookie: string) => fetch(`${t.url}/api/v1/me`, { headers: { cookie } }).then((r) => r.status);
  const meWithToken = async (token: string) => (await t.request('GET', '/api/v1/me', { token })).status;
  /** The close code of a socket opened with this token, which the server ends before its hello. */
  const refusedWith = (token: string) =>
    new Promise<number>((resolve) => new WebSocket(`${t.url.replace('http', 'ws')}/api/v1/realtime?token=${token}`).once('close', (code) => resolve(code)));
  const auditOf = async (entityId: string) =>
    (await t.request('GET', '/api/v1/audit-log?entityType=user&limit=50', { token: admin.token })).body.items.filter((e: any) => e.entityId === entityId);

  it('deactivating ends sessions and sockets at once, refuses sign-in, returns the agent\'s work to the queue; reactivating lets them back', async () => {
    // Agent A holds an active conversation and a pending offer; B joins the queue later.
    const w = await world({ agents: [{}, { presence: 'offline' }] });
    const [a, b] = w.agents;
    const first = await w.write(nextCustomer());
    expect((await t.request('POST', `/api/v1/conversations/${first}/accept`, { token: a.token })).status).toBe(200);
    const second = await w.write(nextCustomer());
    expect((await pendingOffer(t, second))?.agent_id).toBe(a.id);
    expect((await t.request('PUT', '/api/v1/me/presence', { token: b.token, body: { presence: 'available' } })).status).toBe(200);
    const browser = await cookieSession(a.name);
    const socket = await listen(t.url, a.token);

    const off = await patchUser(a.id, { disabled: true });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ id: a.id, disabled: true, presence: 'offline' });

    expect(await meWithCookie(browser.cookie)).toBe(401);
    expect(await meWithToken(a.token)).toBe(401);
    expect((await socket.closed).code).toBe(4401);
    expect((await login(a.name)).status).toBe(401);
    // A fresh socket with an old session is refused too.
    expect(await refusedWith(browser.token)).toBe(4401);

    // Both conversations went back to the queue, and its other agent is offered them.
    expect(await conversationRow(t, first)).toMatchObject({ state: 'open', assigned_agent_id: null, queue_id: w.queueId });
    expect((await pendingOffer(t, first))?.agent_id).toBe(b.id);
    expect((await pendingOffer(t, second))?.agent_id).toBe(b.id);
    const events = await t.ctx.db.selectFrom('conversation_events').select(['type', 'data']).where('conversation_id', '=', first).where('type', '=', 'transferred').execute();
    expect(events.at(-1)?.data).toMatchObject({ fromAgentId: a.id, toQueueId: w.queueId, note: 'The agent was deactivated.' });
    // Nothing of A's holds capacity, and new work never reaches A.
    expect(capacityInUse((await loadWorkItems(t.ctx.db, [a.id])).get(a.id) ?? [], t.ctx.now()).units).toBe(0);
    expect((await patchUser(b.id, { capacity: 2 })).status).toBe(200);
    const third = await w.write(nextCustomer());
    expect((await pendingOffer(t, third))?.agent_id).not.toBe(a.id);
    expect(await t.ctx.db.selectFrom('offers').select('id').where('agent_id', '=', a.id).where('state', '=', 'pending').execute()).toEqual([]);

    // Still in the admin list and history, marked; no longer someone to transfer to.
    const users = (await t.request('GET', '/api/v1/users', { token: admin.token })).body.items;
    expect(users.find((u: any) => u.id === a.id)).toMatchObject({ disabled: true });
    const people = (await t.request('GET', '/api/v1/people', { token: admin.token })).body.items;
    expect(people.some((p: any) => p.id === a.id)).toBe(false);
    expect((await t.request('GET', `/api/v1/conversations/${first}/timeline`, { token: admin.token })).status).toBe(200);

    const on = await patchUser(a.id, { disabled: false });
    expect(on.status).toBe(200);
    expect(on.body.disabled).toBe(false);
    const back = await login(a.name);
    expect(back.status).toBe(200);
    expect(await meWithToken(back.body.token)).toBe(200);
    // The sessions ended by deactivating stay ended.
    expect(await meWithCookie(browser.cookie)).toBe(401);

    const audit = await auditOf(a.id);
    expect(audit.map((e: any) => e.action)).toEqual(expect.arrayContaining(['deactivated', 'reactivated']));
    expect(audit.find((e: any) => e.action === 'deactivated')).toMatchObject({ actor: { id: admin.id }, changes: expect.arrayContaining([{ field: 'disabled', from: false, to: true }]) });
  });

  it("an admin's password reset ends every session of the user and closes their sockets", async () => {
    const agent = await t.userWithToken('agent');
    const browser = await cookieSession(agent.email);
    const socket = await listen(t.url, agent.token);
    expect((await patchUser(agent.id, { password: 'a brand new password' })).status).toBe(200);
    expect(await meWithToken(agent.token)).toBe(401);
    expect(await meWithCookie(browser.cookie)).toBe(401);
    expect((await socket.closed).code).toBe(4401);
    expect((await login(agent.email)).status).toBe(401);
    expect((await login(agent.email, 'a brand new password')).status).toBe(200);
  });

  it('POST /me/password checks the current password and the rules, then ends every other session but keeps this one', async () => {
    const agent = await t.userWithToken('agent');
    const other = await cookieSession(agent.email);
    const otherSocket = await listen(t.url, other.token);
    const ownSocket = await listen(t.url, agent.token);
    const change = (body: unknown) => t.request('POST', '/api/v1/me/password', { token: agent.token, body });

    const wrong = await change({ currentPassword: 'not my password', newPassword: 'a brand new password' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error).toMatchObject({ code: 'WRONG_PASSWORD', field: 'currentPassword' });
    const short = await change({ currentPassword: PASSWORD, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.error.field).toBe('newPassword');
    expect(await meWithCookie(other.cookie)).toBe(200);

    expect((await change({ currentPassword: PASSWORD, newPassword: 'a brand new password' })).status).toBe(204);
    expect(await meWithCookie(other.cookie)).toBe(401);
    expect((await otherSocket.closed).code).toBe(4401);
    expect(await meWithToken(agent.token)).toBe(200);
    expect(ownSocket.isOpen()).toBe(true);
    expect((await login(agent.email)).status).toBe(401);
    expect((await login(agent.email, 'a brand new password')).status).toBe(200);
    expect((await auditOf(agent.id)).at(0)).toMatchObject({ action: 'updated', actor: { id: agent.id }, changes: [{ field: 'password', secret: true }] });
    ownSocket.close();
  });

  it('guesses of the current password through a session lock the account as sign-in guesses do', async () => {
    const agent = await t.userWithToken('agent');
    const change = (currentPassword: string) => t.request('POST', '/api/v1/me/password', { token: agent.token, body: { currentPassword, newPassword: 'a brand new password' } });
    const realNow = t.ctx.now;
    try {
      const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => change(`guess number ${i}`)));
      const statuses = answers.map((a) => a.status).sort();
      // Five attempts reach the hash, the fifth locks; those that come while it is locked are refused unchecked.
      expect(statuses.filter((s) => s === 403)).toHaveLength(4);
      expect(statuses.filter((s) => s === 429)).toHaveLength(4);
      expect(answers.find((a) => a.status === 429)!.body.error.code).toBe('ACCOUNT_LOCKED');
      const locked = await change(PASSWORD);
      expect([locked.status, locked.body.error.code]).toEqual([429, 'ACCOUNT_LOCKED']);
      expect((await login(agent.email)).status).toBe(429);

      const later = new Date(Date.now() + 61_000);
      t.ctx.now = () => later;
      expect((await change(PASSWORD)).status).toBe(204);
    } finally {
      t.ctx.now = realNow;
    }
  });

  it("signing out closes that session's sockets, and only those", async () => {
    const agent = await t.userWithToken('agent');
    const other = await cookieSession(agent.email);
    const leaving = await listen(t.url, agent.token);
    const staying = await listen(t.url, other.token);
    expect((await t.request('POST', '/api/v1/auth/logout', { token: agent.token })).status).toBe(204);
    expect((await leaving.closed).code).toBe(4401);
    expect(await meWithCookie(other.cookie)).toBe(200);
    expect(staying.isOpen()).toBe(true);
    staying.close();
  });

  it("a role change closes the user's sockets, so a demoted admin no longer hears an admin's stream", async () => {
    const second = await t.userWithToken('admin');
    const socket = await listen(t.url, second.token);
    expect((await patchUser(second.id, { role: 'agent' })).status).toBe(200);
    expect((await socket.closed).code).toBe(1012);
    // Reconnecting gives the stream of the new role; the session itself stays.
    expect(await meWithToken(second.token)).toBe(200);
  });

  it('the last active admin cannot demote or deactivate themselves (409), also when two admins demote each other at once', async () => {
    // Leave exactly two active admins: this suite's admin and a new one.
    const others = await t.ctx.db.selectFrom('users').select('id').where('role', '=', 'admin').where('id', '<>', admin.id).execute();
    for (const o of others) await t.ctx.db.updateTable('users').set({ role: 'supervisor' }).where('id', '=', o.id).execute();
    const b = await t.userWithToken('admin');

    // Over HTTP the second demotion is refused by the lock (409) or, once the first committed, by its caller's role (403).
    const [one, two] = await Promise.all([patchUser(b.id, { role: 'agent' }, admin.token), patchUser(admin.id, { role: 'agent' }, b.token)]);
    expect([one.status, two.status]).toContain(200);
    const refused = one.status === 200 ? two : one;
    expect([403, 409]).toContain(refused.status);
    if (refused.status === 409) {
      expect(refused.body.error).toMatchObject({ code: 'LAST_ADMIN', field: 'role' });
      expect(refused.body.error.message).toMatch(/last active admin/);
    }
    const left = await t.ctx.db.selectFrom('users').select('id').where('role', '=', 'admin').where('disabled_at', 'is', null).execute();
    expect(left).toHaveLength(1);

    // The one left alone: neither a demotion nor a deactivation of themselves.
    const last = one.status === 200 ? admin : b;
    const demote = await patchUser(last.id, { role: 'supervisor' }, last.token);
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe('LAST_ADMIN');
    const disable = await patchUser(last.id, { disabled: true }, last.token);
    expect(disable.status).toBe(409);
    expect(disable.body.error).toMatchObject({ code: 'LAST_ADMIN', field: 'disabled' });
    expect((await meWithToken(last.token))).toBe(200);
    // Put the suite's admin back for the next tests.
    if (last.id !== admin.id) {
      await t.ctx.db.updateTable('users').set({ role: 'admin' }).where('id', '=', admin.id).execute();
    }
  });

  it.runIf(kind === 'postgres')('two admins demoting each other in overlapping transactions leave one admin', async () => {
    const others = await t.ctx.db.selectFrom('users').select('id').where('role', '=', 'admin').execute();
    for (const o of others) await t.ctx.db.updateTable('users').set({ role: 'supervisor' }).where('id', '=', o.id).execute();
    const [a, b] = [await t.userWithToken('admin'), await t.userWithToken('admin')];
    const session = async (u: { id: string; email: string }) => ({ id: u.id, email: u.email, name: u.email, role: 'admin' as const, language: 'en' });
    // Another connection holds B's row, so both changes are under way before either commits.
    const holder = new pg.Client({ connectionString: t.ctx.database.connectionString });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [b.id]);
      const demoteB = updateUser(t.ctx, await session(a), b.id, { role: 'agent' }).then(() => 'done', (err) => err);
      await untilOneWaitsForALock(t.ctx.db);
      const demoteA = updateUser(t.ctx, await session(b), a.id, { role: 'agent' }).then(() => 'done', (err) => err);
      // The second either finishes (nothing stops it) or waits for a lock too.
      let settled = false;
      void demoteA.then(() => (settled = true));
      await eventually(async () => settled || (await locksWaited(t)) >= 2, 'the second demotion to finish or wait');
      await holder.query('ROLLBACK');
      const outcomes = await Promise.all([demoteB, demoteA]);
      expect(outcomes.filter((o) => o === 'done')).toHaveLength(1);
      expect(outcomes.find((o) => o !== 'done')).toMatchObject({ code: 'LAST_ADMIN' });
      expect(await t.ctx.db.selectFrom('users').select('id').where('role', '=', 'admin').where('disabled_at', 'is', null).execute()).toHaveLength(1);
    } finally {
      await holder.end();
      await t.ctx.db.updateTable('users').set({ role: 'admin' }).where('id', '=', admin.id).execute();
    }
  });

  it('refuses a realtime WebSocket opened from a foreign origin, and accepts our own and the allow-list', async () => {
    const agent = await t.userWithToken('agent');
    const open = (origin: string) =>
      new Promise<number | 'open'>((resolve) => {
        const socket = new WebSocket(`${t.url.replace('http', 'ws')}/api/v1/realtime?token=${agent.token}`, { origin });
        socket.once('open', () => {
          socket.close();
          resolve('open');
        });
        socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        socket.once('error', () => {});
      });
    expect(await open('https://evil.example')).toBe(403);
    expect(await open('null')).toBe(403);
    expect(await open(t.ctx.config.publicUrl)).toBe('open');
    expect(await open(ALLOWED)).toBe('open');
  });

  it('refuses a cross-site sign-in: a form post, a foreign Origin, Sec-Fetch-Site: cross-site', async () => {
    const agent = await t.userWithToken('agent');
    const form = await fetch(`${t.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: agent.email, password: PASSWORD }).toString(),
    });
    expect(form.status).toBe(415);
    expect(form.headers.get('set-cookie')).toBeNull();
    const foreign = await login(agent.email, PASSWORD, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('set-cookie')).toBeNull();
    expect((await login(agent.email, PASSWORD, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await login(agent.email, PASSWORD, { origin: t.ctx.config.publicUrl, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await login(agent.email, PASSWORD, { origin: ALLOWED })).status).toBe(200);
  });

  it.runIf(kind === 'postgres')('closes a deactivated user\'s socket held by another process', async () => {
    const other = await startSecondProcess(t);
    try {
      const agent = await t.userWithToken('agent');
      const socket = await listen(other.url, agent.token);
      expect((await patchUser(agent.id, { disabled: true })).status).toBe(200);
      expect((await socket.closed).code).toBe(4401);
    } finally {
      await other.close();
    }
  });
});
