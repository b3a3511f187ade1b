import { describe, expect, it } from 'vitest';
import { createContentTemplate, listContentTemplates, toContentTemplate } from './twilio-content-client.js';

const creds = { accountSid: 'AC' + 'a'.repeat(32), authToken: 'tok', baseUrl: 'https://content.example.test' };
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const raw = (n: number) => ({ sid: 'HX' + String(n).padStart(32, '0'), friendly_name: `t${n}`, language: 'en', variables: { 1: 'Ada' }, types: { 'twilio/text': { body: `Hi {{1}} #${n}` } } });

describe("Twilio's Content API client", () => {
  it('reads every page with Basic auth', async () => {
    const calls: { url: string; auth: string | null }[] = [];
    const fetchImpl = (async (url: string, init: RequestInit) => {
      calls.push({ url, auth: new Headers(init.headers).get('authorization') });
      return url.includes('PageToken')
        ? json(200, { contents: [raw(2)], meta: { next_page_url: null } })
        : json(200, { contents: [raw(1)], meta: { next_page_url: 'https://content.example.test/v1/Content?PageSize=500&PageToken=p1' } });
    }) as typeof fetch;
    const outcome = await listContentTemplates(fetchImpl, creds);
    expect(outcome).toMatchObject({ ok: true, templates: [{ friendlyName: 't1', body: 'Hi {{1}} #1', variables: { '1': 'Ada' } }, { friendlyName: 't2' }] });
    expect(calls.map((c) => c.url)).toEqual(['https://content.example.test/v1/Content?PageSize=500', 'https://content.example.test/v1/Content?PageSize=500&PageToken=p1']);
    expect(calls.every((c) => c.auth === 'Basic ' + Buffer.from(`${creds.accountSid}:tok`).toString('base64'))).toBe(true);
  });

  it('never sends the credentials to another host', async () => {
    const urls: string[] = [];
    const fetchImpl = (async (url: string) => {
      urls.push(url);
      return json(200, { contents: [raw(1)], meta: { next_page_url: 'https://evil.example/v1/Content?PageToken=x' } });
    }) as typeof fetch;
    const outcome = await listContentTemplates(fetchImpl, creds);
    expect(outcome.ok && outcome.templates).toHaveLength(1);
    expect(urls).toHaveLength(1);
  });

  it("reports Twilio's error code and message", async () => {
    const fetchImpl = (async () => json(401, { code: 20003, message: 'Authenticate', status: 401 })) as unknown as typeof fetch;
    expect(await listContentTemplates(fetchImpl, creds)).toEqual({ ok: false, code: 20003, message: 'Authenticate' });
    const down = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    expect(await listContentTemplates(down, creds)).toMatchObject({ ok: false, code: 0, message: expect.stringMatching(/could not be reached/) });
  });

  it('takes the text from the richest type that has one', () => {
    expect(toContentTemplate({ sid: 'HX1', types: { 'twilio/location': { body: undefined }, 'twilio/quick-reply': { body: 'Pick one' } } })?.body).toBe('Pick one');
    expect(toContentTemplate({ sid: 'HX1', types: { 'twilio/location': {} } })?.body).toBeNull();
  });

  it('creates a Content template with a JSON body and answers its sid, or what Twilio said', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fetchImpl = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return json(201, { ...raw(7), sid: 'HX' + '7'.repeat(32) });
    }) as typeof fetch;
    const request = { friendly_name: 'bot', language: 'en', types: { 'twilio/quick-reply': { body: 'Pick', actions: [{ id: 'a', title: 'A' }] } } };
    expect(await createContentTemplate(fetchImpl, creds, request)).toEqual({ ok: true, sid: 'HX' + '7'.repeat(32) });
    expect(calls[0].url).toBe('https://content.example.test/v1/Content');
    expect(calls[0].init.method).toBe('POST');
    expect(new Headers(calls[0].init.headers).get('content-type')).toBe('application/json');
    expect(JSON.parse(String(calls[0].init.body))).toEqual(request);
    const refused = (async () => json(400, { code: 20422, message: 'Invalid Parameter', status: 400 })) as unknown as typeof fetch;
    expect(await createContentTemplate(refused, creds, request)).toEqual({ ok: false, code: 20422, message: 'Invalid Parameter' });
  });
});
