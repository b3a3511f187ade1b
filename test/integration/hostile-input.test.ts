import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import twilio from 'twilio';
import { Writable } from 'node:stream';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { AUTH_TOKEN, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';

const HOSTILE = ["'; DROP TABLE messages; --", '<img src=x onerror=alert(1)>', '\u0000', '😀'.repeat(50), '%00%0d%0a', '{{1}}', '../../etc/passwd', 'A'.repeat(5000)];
const hostileString = fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom(...HOSTILE), fc.string({ unit: 'grapheme', maxLength: 50 }));
const FIELDS = ['MessageSid', 'SmsSid', 'AccountSid', 'From', 'To', 'Body', 'NumMedia', 'MediaUrl0', 'MediaContentType0', 'ProfileName', 'WaId', 'Latitude', 'Longitude', 'ButtonText', 'MessageType', 'Unexpected'];
const webhookParams = fc.dictionary(fc.constantFrom(...FIELDS), hostileString, { maxKeys: 12 });

describe.each(dbKinds)('hostile input never crashes anything and stores nothing unsigned (%s)', (kind) => {
  let t: TestApp;
  let setup: WhatsappSetup;
  const logs: string[] = [];

  beforeAll(async () => {
    // Capture every log line of the run to check that no secret ever reaches the logs.
    const sink = new Writable({ write(chunk, _enc, done) { logs.push(String(chunk)); done(); } });
    t = await startTestApp(kind, { logger: { level: 'debug', stream: sink } });
    setup = await setupWhatsapp(t);
  });
  afterAll(() => t?.close());

  const count = async () => Number((await t.ctx.db.selectFrom('messages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('answers random unsigned webhooks with 403 and stores nothing', async () => {
    const before = await count();
    await fc.assert(
      fc.asyncProperty(webhookParams, fc.option(hostileString), async (params, signature) => {
        const res = await fetch(setup.inboundUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature ? { 'x-twilio-signature': signature.replace(/[^\x20-\x7e]/g, '') } : {}) },
          body: new URLSearchParams(params).toString(),
        });
        expect(res.status).toBe(403);
      }),
      { numRuns: 60 },
    );
    expect(await count()).toBe(before);
  });

  it('answers random correctly signed webhooks with 200 or a clear 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(webhookParams, fc.integer({ min: -5, max: 100000 }), async (params, numMedia) => {
        const body = { ...params, NumMedia: String(numMedia) };
        const res = await fetch(setup.inboundUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, setup.inboundUrl, body) },
          body: new URLSearchParams(body).toString(),
        });
        expect(res.status, await res.clone().text()).toBeLessThan(500);
        if (res.status >= 400) expect((await res.json()).error.message).toBeTruthy();
      }),
      { numRuns: 60 },
    );
  });

  it('answers random JSON to the public API with a clear 4xx or a sound creation, never a 5xx', async () => {
    const before = await t.ctx.db.selectFrom('messaging_accounts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const routes = ['/api/v1/messaging-accounts', '/api/v1/users', '/api/v1/templates', '/api/v1/queues', '/api/v1/workstreams', '/api/v1/auth/login'];
    const junk = fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom('name', 'email', 'accountSid', 'authToken', 'channel', 'text', 'role', 'password'), fc.oneof(hostileString, fc.integer(), fc.constant(null))));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), junk, async (route, body) => {
        const res = await t.request('POST', route, { token: setup.admin.token, body });
        expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
        // A body that happens to be valid (a queue needs only a name) may create something, never a blank one.
        if (res.status < 400) expect(String(res.body.name).trim(), JSON.stringify(res.body)).not.toBe('');
        else expect(res.body.error.message, JSON.stringify(res.body)).toBeTruthy();
      }),
      { numRuns: 80 },
    );
    // Whitespace is not a name: it used to be trimmed to an empty queue name after validation.
    const blank = await t.request('POST', '/api/v1/queues', { token: setup.admin.token, body: { name: ' ' } });
    expect(blank.status).toBe(400);
    const after = await t.ctx.db.selectFrom('messaging_accounts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('survives malformed bodies: wrong content type, broken JSON, oversized payloads', async () => {
    const broken = await fetch(`${t.url}/api/v1/templates`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${setup.admin.token}` }, body: '{"name": ' });
    expect(broken.status).toBe(400);
    const huge = await fetch(setup.inboundUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Body=' + 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    const xml = await fetch(setup.inboundUrl, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<a/>' });
    expect(xml.status).toBe(415);
  });

  it('never writes the Twilio auth token or session tokens to the logs', () => {
    const all = logs.join('');
    expect(all.length).toBeGreaterThan(1000);
    expect(all).not.toContain(AUTH_TOKEN);
    expect(all).not.toContain(setup.admin.token);
  });
});
