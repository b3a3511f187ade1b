import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { loadConfig } from '../../src/server/config.js';
import { createContext } from '../../src/server/bootstrap.js';
import { buildApp } from '../../src/server/app.js';
import { createTestDatabase, dbKinds } from '../helpers/databases.js';
import { startCapture } from './simulator-capture.js';
import { createUser } from '../../src/server/users/create-user.js';

const BUSINESS = '+14155550100';
const CUSTOMER = '+15551234567';

describe.each(dbKinds)('the simulator across a restart (%s)', (kind) => {
  it('keeps its accounts, numbers and messages, and finishes deliveries the restart interrupted', async () => {
    const database = await createTestDatabase(kind);
    const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-sim-restart-'));
    const config = loadConfig({ DATA_DIR: dataDir, SWITCHBOARD_SECRET: 'test-secret', LOG_LEVEL: 'silent' });
    const capture = startCapture();
    // The second start listens where the first did: the callbacks it owes go to the same PUBLIC_URL.
    let port = 0;
    const user = { email: 'phone@test.local', password: 'correct horse battery' };
    let session: Record<string, string> = {};
    const start = async () => {
      const ctx = await createContext(config, { database, fetch: capture.fetch });
      if (!port) await createUser(ctx.db, { ...user, name: 'Phone tester', role: 'agent' });
      const app = await buildApp(ctx, { logger: false });
      await app.listen({ port, host: '127.0.0.1' });
      port = (app.server.address() as AddressInfo).port;
      config.publicUrl = `http://127.0.0.1:${port}`;
      capture.on(config.publicUrl);
      // Signed in once: the session outlives the restart, as a browser's would.
      if (!session.authorization) {
        const signIn = await fetch(`${config.publicUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(user) });
        session = { authorization: `Bearer ${(await signIn.json()).token}` };
      }
      const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
        fetch(config.publicUrl + path, {
          method,
          headers: { ...session, ...(typeof body === 'string' ? {} : body ? { 'content-type': 'application/json' } : {}), ...headers },
          body: typeof body === 'string' ? body : body ? JSON.stringify(body) : undefined,
        }).then(async (r) => ({ status: r.status, body: await r.json() }));
      return { app, ctx, call };
    };
    try {
      const first = await start();
      const account = (await first.call('POST', '/simulator/api/accounts', { friendlyName: 'Acme' })).body;
      const auth = { authorization: 'Basic ' + Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64'), 'content-type': 'application/x-www-form-urlencoded' };
      await first.call('PUT', `/simulator/api/numbers/${encodeURIComponent(BUSINESS)}`, { accountSid: account.accountSid, smsUrl: `${capture.url}/inbound` });
      await first.call('POST', '/simulator/api/phone/messages', { from: CUSTOMER, to: BUSINESS, body: 'hello' });
      await first.call('PUT', '/simulator/api/settings', { sentAfterMs: 60_000, deliveredAfterMs: 60_000 });
      const form = new URLSearchParams({ To: `whatsapp:${CUSTOMER}`, From: `whatsapp:${BUSINESS}`, Body: 'before the restart', StatusCallback: `${capture.url}/status` });
      const sent = await first.call('POST', `/simulator/twilio/2010-04-01/Accounts/${account.accountSid}/Messages.json`, form.toString(), auth);
      expect(sent.body.status).toBe('queued');
      const closing = Date.now();
      await first.app.close();
      expect(Date.now() - closing).toBeLessThan(5000); // pending deliveries do not hold the shutdown
      expect(capture.requests.filter((r) => r.path === '/status')).toEqual([]);

      // While it was down, someone made deliveries fast again.
      await sql`UPDATE sim_settings SET settings = settings || '{"sentAfterMs": 20, "deliveredAfterMs": 40}'::jsonb`.execute(first.ctx.db);
      const second = await start();
      try {
        const callbacks = await capture.waitFor((r) => r.path === '/status' && r.params.MessageSid === sent.body.sid, 2);
        expect(callbacks.map((c) => c.params.MessageStatus)).toEqual(['sent', 'delivered']);
        expect((await second.call('GET', '/simulator/api/numbers')).body.items).toEqual([expect.objectContaining({ phoneNumber: BUSINESS, accountSid: account.accountSid })]);
        const thread = await second.call('GET', `/simulator/api/phone/${encodeURIComponent(CUSTOMER)}/messages`);
        expect(thread.body.items.map((m: { body: string; status: string }) => [m.body, m.status])).toEqual([
          ['hello', 'received'],
          ['before the restart', 'delivered'],
        ]);
        const fetched = await second.call('GET', `/simulator/twilio/2010-04-01/Accounts/${account.accountSid}.json`, undefined, auth);
        expect(fetched.body.friendly_name).toBe('Acme');
      } finally {
        await second.app.close();
      }
    } finally {
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
