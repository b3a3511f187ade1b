import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const ACCOUNT_SID = 'AC' + 'c'.repeat(32);
const AUTH_TOKEN = '0123456789abcdef0123456789abcdef';
const sid = (n: number) => 'HX' + String(n).padStart(32, '0');
const content = (n: number, friendlyName: string, language: string, body: string) => ({
  sid: sid(n), account_sid: ACCOUNT_SID, friendly_name: friendlyName, language, variables: { 1: 'Ada' },
  types: { 'twilio/text': { body } }, url: `https://content.twilio.com/v1/Content/${sid(n)}`, links: {}, date_created: '2025-01-01T00:00:00Z', date_updated: '2025-01-01T00:00:00Z',
});
const CONTENTS = [
  content(1, 'order_update', 'en', 'Hello {{1}}, your order {{2}} shipped.'),
  content(2, 'order_update', 'ko', '{{1}}님, 주문 {{2}}이 발송되었습니다.'),
  content(3, 'welcome', 'en', 'Welcome {{first_name}}!'),
];

/** Twilio's Content API as far as listing goes: Basic auth, two pages. */
function startContentApi(): Promise<{ server: Server; url: string; calls: string[] }> {
  const calls: string[] = [];
  const expected = 'Basic ' + Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64');
  const server = createServer((req, res) => {
    calls.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    if (req.headers.authorization !== expected) {
      res.statusCode = 401;
      return res.end(JSON.stringify({ code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 }));
    }
    const url = new URL(req.url ?? '/', 'http://x');
    const second = url.searchParams.has('PageToken');
    const base = `http://${req.headers.host}`;
    res.end(JSON.stringify({
      contents: second ? CONTENTS.slice(2) : CONTENTS.slice(0, 2),
      meta: { page: second ? 1 : 0, page_size: 2, key: 'contents', next_page_url: second ? null : `${base}/v1/Content?PageSize=2&Page=1&PageToken=PT1`, previous_page_url: null, url: base + req.url, first_page_url: base + req.url },
    }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, calls, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

describe.each(dbKinds)('import templates from Twilio (%s)', (kind) => {
  let t: TestApp;
  let twilio: Awaited<ReturnType<typeof startContentApi>>;
  let admin: { token: string };
  let accountId: string;

  beforeAll(async () => {
    twilio = await startContentApi();
    t = await startTestApp(kind, { config: { twilioApiBaseUrl: twilio.url } });
    admin = await t.userWithToken('admin');
    const account = await t.request('POST', '/api/v1/messaging-accounts', {
      token: admin.token,
      body: { name: 'Acme', channel: 'whatsapp', provider: 'twilio', accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN },
    });
    accountId = account.body.id;
  });
  afterAll(async () => {
    await t?.close();
    twilio?.server.close();
  });

  it("lists the account's Content templates across pages, saying which can be imported", async () => {
    const res = await t.request('GET', `/api/v1/messaging-accounts/${accountId}/content-templates`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(3);
    expect(res.body.items[0]).toEqual({
      contentSid: sid(1), name: 'order_update', language: 'en', text: 'Hello {{1}}, your order {{2}} shipped.', placeholders: ['1', '2'],
      sampleVariables: { '1': 'Ada' }, types: ['twilio/text'], importable: true, problem: null, importedAs: null,
    });
    expect(res.body.items[2]).toMatchObject({ contentSid: sid(3), importable: false, problem: expect.stringMatching(/named variables/) });
    expect(twilio.calls.some((c) => c.includes('PageToken=PT1'))).toBe(true);
  });

  it('imports two languages as one template with their Content SIDs, and says what it skipped', async () => {
    const res = await t.request('POST', '/api/v1/templates/import', { token: admin.token, body: { accountId, contentSids: [sid(1), sid(2), sid(3)] } });
    expect(res.status).toBe(200);
    expect(res.body.imported).toHaveLength(1);
    expect(res.body.imported[0]).toMatchObject({ name: 'order_update', defaultLanguage: 'en', text: 'Hello {{1}}, your order {{2}} shipped.', placeholders: ['1', '2'] });
    expect(res.body.imported[0].localizations).toEqual([
      { language: 'en', text: 'Hello {{1}}, your order {{2}} shipped.', contentSid: sid(1) },
      { language: 'ko', text: '{{1}}님, 주문 {{2}}이 발송되었습니다.', contentSid: sid(2) },
    ]);
    expect(res.body.skipped).toEqual([{ contentSid: sid(3), reason: expect.stringMatching(/named variables/) }]);

    const listed = await t.request('GET', `/api/v1/messaging-accounts/${accountId}/content-templates`, { token: admin.token });
    expect(listed.body.items[1].importedAs).toEqual({ id: res.body.imported[0].id, name: 'order_update' });
    const audit = await t.request('GET', '/api/v1/audit-log?entityType=template', { token: admin.token });
    expect(audit.body.items[0]).toMatchObject({ action: 'imported', entityName: 'order_update', changes: [{ field: 'localizations.en', to: sid(1) }, { field: 'localizations.ko', to: sid(2) }] });
  });

  it('imports again into the same template instead of duplicating it', async () => {
    const again = await t.request('POST', '/api/v1/templates/import', { token: admin.token, body: { accountId, contentSids: [sid(2)] } });
    expect(again.status).toBe(200);
    const all = await t.request('GET', '/api/v1/templates', { token: admin.token });
    expect(all.body.items.filter((x: { name: string }) => x.name === 'order_update')).toHaveLength(1);
    expect(all.body.items[0].localizations.map((l: { language: string }) => l.language)).toEqual(['en', 'ko']);
  });

  it("answers Twilio's refusal in words when the credentials are wrong", async () => {
    // The token was revoked in the Twilio console: Switchboard still holds the old one.
    await t.ctx.db.updateTable('messaging_accounts').set({ auth_token_encrypted: t.ctx.secrets.seal('wrong-token-123') }).where('id', '=', accountId).execute();
    const res = await t.request('GET', `/api/v1/messaging-accounts/${accountId}/content-templates`, { token: admin.token });
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: 'TWILIO_CONTENT_UNAVAILABLE', twilioCode: 20003, message: expect.stringMatching(/refused the credentials/) });
  });

  it('is for admins, and validates its input', async () => {
    const agent = await t.userWithToken('agent');
    expect((await t.request('GET', `/api/v1/messaging-accounts/${accountId}/content-templates`, { token: agent.token })).status).toBe(403);
    expect((await t.request('POST', '/api/v1/templates/import', { token: agent.token, body: { accountId, contentSids: [sid(1)] } })).status).toBe(403);
    const bad = await t.request('POST', '/api/v1/templates/import', { token: admin.token, body: { accountId, contentSids: ['nope'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toMatch(/contentSids/);
    const missing = await t.request('GET', '/api/v1/messaging-accounts/00000000-0000-0000-0000-000000000000/content-templates', { token: admin.token });
    expect(missing.status).toBe(404);
  });
});
