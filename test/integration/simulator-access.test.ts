import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { loadConfig } from '../../src/server/config.js';
import { configureSimulatorNumber } from '../../src/server/simulator/provision.js';

const BUSINESS = '+14155550140';
const CUSTOMER = '+15550140001';

/** Somewhere that is not this Switchboard: it counts what reaches it (nothing should). */
async function startElsewhere() {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'image/png' }).end('secret bytes');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Fills a route's parameters with values of the right shape. */
const concrete = (url: string) =>
  url.replace(':phoneNumber', encodeURIComponent(BUSINESS)).replace(':phone', encodeURIComponent(CUSTOMER)).replace(':sid', 'SM' + '0'.repeat(32));

describe.each(dbKinds)('who may use the simulator (%s)', (kind) => {
  let t: TestApp;
  let elsewhere: Awaited<ReturnType<typeof startElsewhere>>;
  let token: string;
  let account: { accountSid: string; authToken: string };
  let inboundUrl: string;
  const basic = () => ({ authorization: 'Basic ' + Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64') });
  const twilioSend = (form: Record<string, string>) =>
    fetch(`${t.url}/simulator/twilio/2010-04-01/Accounts/${account.accountSid}/Messages.json`, {
      method: 'POST',
      headers: { ...basic(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ To: `whatsapp:${CUSTOMER}`, From: `whatsapp:${BUSINESS}`, Body: 'Hello', ...form }).toString(),
    }).then(async (r) => ({ status: r.status, body: await r.json() }));

  beforeAll(async () => {
    [t, elsewhere] = await Promise.all([startTestApp(kind), startElsewhere()]);
    const admin = await t.userWithToken('admin');
    token = admin.token;
    account = (await t.request('POST', '/simulator/api/accounts', { token, body: { friendlyName: 'Acme' } })).body;
    const messaging = await t.request('POST', '/api/v1/messaging-accounts', { token, body: { name: 'Acme', channel: 'whatsapp', provider: 'simulator', ...account } });
    inboundUrl = messaging.body.inboundUrl;
    expect((await t.request('PUT', `/simulator/api/numbers/${encodeURIComponent(BUSINESS)}`, { token, body: { accountSid: account.accountSid, smsUrl: inboundUrl } })).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await elsewhere?.close();
  });

  it('answers 401 to anonymous callers on every phone, console and control route, before reading the body', async () => {
    const routes = t.app.apiRoutes.filter((r) => r.url.startsWith('/simulator/api/') && r.method !== 'HEAD');
    expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(expect.arrayContaining(['GET /simulator/api/settings', 'PUT /simulator/api/numbers/:phoneNumber', 'GET /simulator/api/live']));
    for (const route of routes) {
      expect(route.public, `${route.method} ${route.url}`).toBe(false);
      const res = await t.request(route.method, concrete(route.url), { body: route.method === 'GET' ? undefined : { smsUrl: 'http://169.254.169.254/' } });
      expect([res.status, res.body?.error?.code], `${route.method} ${route.url}`).toEqual([401, 'UNAUTHORIZED']);
    }
    expect(elsewhere.hits).toEqual([]);
  });

  it("refuses the customer phone's live socket without a session, and opens it with one", async () => {
    const live = `${t.url.replace('http', 'ws')}/simulator/api/live?phone=${encodeURIComponent(CUSTOMER)}`;
    const anonymous = new WebSocket(live);
    anonymous.on('error', () => {}); // the refused handshake, reported below by its status
    const refused = await new Promise<number>((resolve) => {
      anonymous.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      anonymous.on('open', () => resolve(101));
    });
    anonymous.terminate();
    expect(refused).toBe(401);
    const signedIn = new WebSocket(live, { headers: { authorization: `Bearer ${token}` } });
    await new Promise((resolve, reject) => {
      signedIn.once('open', resolve);
      signedIn.once('error', reject);
    });
    signedIn.close();
  });

  it('serves signed-in users, by token or by cookie with the CSRF header', async () => {
    const numbers = await t.request('GET', '/simulator/api/numbers', { token });
    expect(numbers.status).toBe(200);
    expect(numbers.body.items).toEqual([expect.objectContaining({ phoneNumber: BUSINESS, smsUrl: inboundUrl })]);
    const agent = await t.userWithToken('agent');
    const sent = await t.request('POST', '/simulator/api/phone/messages', { token: agent.token, body: { from: CUSTOMER, to: BUSINESS, body: 'hello' } });
    expect([sent.status, sent.body.webhook]).toEqual([201, { ok: true, status: 200 }]);
    const cookie = { cookie: `sb_session=${agent.token}` };
    expect((await t.request('GET', '/simulator/api/settings', { headers: cookie })).status).toBe(200);
    const withoutCsrf = await t.request('PUT', '/simulator/api/settings', { headers: cookie, body: { autoRead: false } });
    expect([withoutCsrf.status, withoutCsrf.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await t.request('PUT', '/simulator/api/settings', { headers: { ...cookie, 'x-switchboard-csrf': '1' }, body: { autoRead: false } })).status).toBe(200);
  });

  it("keeps Twilio's Basic auth on the fake Twilio: a session is not Twilio's credentials", async () => {
    const path = `/simulator/twilio/2010-04-01/Accounts/${account.accountSid}.json`;
    const attempts: Record<string, string>[] = [{}, { authorization: `Bearer ${token}` }, { authorization: 'Basic ' + Buffer.from(`${account.accountSid}:wrong`).toString('base64') }];
    for (const headers of attempts) {
      const res = await t.request('GET', path, { headers });
      expect([res.status, res.body.code], JSON.stringify(headers)).toEqual([401, 20003]);
    }
    const ok = await t.request('GET', path, { headers: basic() });
    expect([ok.status, ok.body.sid]).toEqual([200, account.accountSid]);
  });

  it("points a number's webhook only at this Switchboard's own Twilio webhooks", async () => {
    for (const smsUrl of [`${elsewhere.url}/inbound`, 'http://169.254.169.254/latest/meta-data/', `${t.url}/api/v1/users`]) {
      const res = await t.request('PUT', `/simulator/api/numbers/${encodeURIComponent(BUSINESS)}`, { token, body: { accountSid: account.accountSid, smsUrl } });
      expect([res.status, res.body.error.code, res.body.error.field], smsUrl).toEqual([422, 'VALIDATION_FAILED', 'smsUrl']);
      expect(res.body.error.message).toBe(`The simulator only calls this Switchboard's own Twilio webhooks (${t.url}/webhooks/twilio/…), not "${smsUrl}".`);
    }
    expect((await t.request('GET', '/simulator/api/numbers', { token })).body.items[0].smsUrl).toBe(inboundUrl);
    expect(elsewhere.hits).toEqual([]);
  });

  it('calls nothing else even for a number stored with a foreign webhook', async () => {
    const stale = '+14155550141';
    await configureSimulatorNumber(t.ctx.db, { accountSid: account.accountSid, phoneNumber: stale, smsUrl: `${elsewhere.url}/inbound` });
    const sent = await t.request('POST', '/simulator/api/phone/messages', { token, body: { from: CUSTOMER, to: stale, body: 'anyone?' } });
    expect(sent.status).toBe(201);
    expect(sent.body.webhook).toEqual({ ok: false, status: null, error: expect.stringContaining("The simulator only calls this Switchboard's own Twilio webhooks") });
    expect(elsewhere.hits).toEqual([]);
  });

  it('refuses a StatusCallback or MediaUrl elsewhere with a clear Twilio error, and calls nothing', async () => {
    const callback = await twilioSend({ StatusCallback: `${elsewhere.url}/status` });
    expect([callback.status, callback.body.code]).toEqual([400, 21609]);
    expect(callback.body.message).toBe(`Invalid 'StatusCallback': The simulator only calls this Switchboard's own Twilio webhooks (${t.url}/webhooks/twilio/…), not "${elsewhere.url}/status".`);
    for (const mediaUrl of [`${elsewhere.url}/cat.png`, 'http://169.254.169.254/latest/meta-data/iam']) {
      const media = await twilioSend({ MediaUrl: mediaUrl });
      expect([media.status, media.body.code], mediaUrl).toEqual([400, 21620]);
      expect(media.body.message).toBe(`Invalid media URL(s): The simulator only fetches media from this Switchboard (${t.url}), not "${mediaUrl}".`);
    }
    // Its own webhooks are fine.
    const own = await twilioSend({ StatusCallback: `${t.url}/webhooks/twilio/nobody/status` });
    expect(own.status).toBe(201);
    const thread = await t.request('GET', `/simulator/api/phone/${encodeURIComponent(CUSTOMER)}/messages?with=${encodeURIComponent(BUSINESS)}`, { token });
    expect(thread.body.items.map((m: { body: string }) => m.body)).toEqual(['hello', 'Hello']);
    expect(elsewhere.hits).toEqual([]);
  });

  it('lists its routes in the API documents while it is mounted', async () => {
    const docs = await t.request('GET', '/api/docs/json');
    expect(Object.keys(docs.body.paths).filter((p) => p.startsWith('/simulator'))).toEqual(expect.arrayContaining(['/simulator/api/numbers']));
  });
});

describe.each(dbKinds)('the simulator when it is off (%s)', (kind) => {
  for (const [name, env] of [
    ['SIMULATOR=false', { SIMULATOR: 'false' }],
    ['NODE_ENV=production without SIMULATOR=true', { NODE_ENV: 'production' }],
  ] as const) {
    describe(name, () => {
      let t: TestApp;
      beforeAll(async () => {
        t = await startTestApp(kind, { config: { simulator: loadConfig({ DATA_DIR: '/tmp/unused', ...env }).simulator } });
      });
      afterAll(() => t?.close());

      it('answers 404 to everything under /simulator, the page included, and lists none of it in the API documents', async () => {
        const { token } = await t.userWithToken('admin');
        for (const path of ['/simulator', '/simulator/', '/simulator/phone', '/simulator/api/numbers', '/simulator/api/settings', `/simulator/cdn/ME${'0'.repeat(32)}`]) {
          for (const headers of [{}, { authorization: `Bearer ${token}` }] as Record<string, string>[]) {
            const res = await fetch(t.url + path, { headers });
            expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(404);
            expect(await res.text()).not.toContain('<!doctype html');
          }
        }
        expect((await t.request('PUT', '/simulator/api/numbers/%2B14155550140', { token, body: { accountSid: 'AC' + '0'.repeat(32), smsUrl: null } })).status).toBe(404);
        const docs = await t.request('GET', '/api/docs/json');
        expect(docs.status).toBe(200);
        expect(Object.keys(docs.body.paths).filter((p) => p.includes('simulator'))).toEqual([]);
        expect(JSON.stringify(docs.body.tags ?? [])).not.toContain('simulator');
      });
    });
  }
});
