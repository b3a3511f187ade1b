import { describe, expect, it } from 'vitest';
import { documentedExamples, validateTwilioRequest, validateTwilioResponse } from '../helpers/twilio-contract.js';

const ACCOUNT = 'AC' + '0123456789abcdef'.repeat(2);
const MESSAGES = `/2010-04-01/Accounts/${ACCOUNT}/Messages.json`;
const form = (fields: Record<string, string | string[]>) => {
  const f = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
  return f;
};
const session = { To: 'whatsapp:+15551234567', From: 'whatsapp:+14155238886', Body: 'Hello', StatusCallback: 'http://127.0.0.1:3000/webhooks/twilio/k/status?m=1' };

describe('Twilio contract: requests', () => {
  it('accepts session, media and template sends as Switchboard builds them', () => {
    expect(validateTwilioRequest({ method: 'POST', path: MESSAGES, form: form(session) })).toEqual([]);
    expect(validateTwilioRequest({ method: 'POST', path: 'https://api.twilio.com' + MESSAGES, form: form({ ...session, Body: '', MediaUrl: ['https://a.example/1.jpg', 'https://a.example/2.pdf'] }) })).toEqual([]);
    const template = { To: session.To, MessagingServiceSid: 'MG' + 'a'.repeat(32), ContentSid: 'HX' + 'b'.repeat(32), ContentVariables: '{"1":"Ada"}' };
    expect(validateTwilioRequest({ method: 'POST', path: MESSAGES, form: form(template) })).toEqual([]);
  });

  it('rejects a send without To, with an unknown parameter, or with a malformed sid', () => {
    const { To: _to, ...noTo } = session;
    expect(validateTwilioRequest({ method: 'POST', path: MESSAGES, form: form(noTo) })).toEqual([expect.stringContaining('missing required parameter To')]);
    expect(validateTwilioRequest({ method: 'POST', path: MESSAGES, form: form({ ...session, Channel: 'whatsapp' }) })).toEqual([expect.stringContaining('unknown parameter Channel')]);
    expect(validateTwilioRequest({ method: 'POST', path: MESSAGES, form: form({ ...session, Body: '', ContentSid: 'HX123' }) }).join()).toMatch(/ContentSid.*(pattern|fewer)/);
    expect(validateTwilioRequest({ method: 'POST', path: MESSAGES.replace(ACCOUNT, 'AC123'), form: form(session) }).join()).toContain('path parameter AccountSid');
  });

  it("rejects what Twilio's reference forbids beyond the schema: no sender, no content, repeated single values, bad types", () => {
    const { From: _from, ...noFrom } = session;
    expect(validateTwilioRequest({ method: 'POST', path: MESSAGES, form: form(noFrom) })).toEqual([expect.stringContaining('needs From or MessagingServiceSid')]);
    expect(validateTwilioRequest({ method: 'POST', path: MESSAGES, form: form({ ...session, Body: '' }) })).toEqual([expect.stringContaining('needs Body, MediaUrl or ContentSid')]);
    expect(validateTwilioRequest({ method: 'POST', path: MESSAGES, form: form({ ...session, Body: ['a', 'b'] }) })).toEqual([expect.stringContaining('repeats Body')]);
    expect(validateTwilioRequest({ method: 'POST', path: MESSAGES, form: form({ ...session, ValidityPeriod: 'soon' }) }).join()).toContain('ValidityPeriod must be integer');
    expect(validateTwilioRequest({ method: 'POST', path: MESSAGES, form: form({ ...session, To: 'not a number!' }) }).join()).toContain('format "phone-number"');
    expect(validateTwilioRequest({ method: 'POST', path: MESSAGES, form: form({ ...session, ContentVariables: '[1]' }) }).join()).toContain('ContentVariables must be a JSON object');
  });

  it('checks list filters the way the outbox reconciles', () => {
    const ok = `${MESSAGES}?To=whatsapp%3A%2B15551234567&From=whatsapp%3A%2B14155238886&DateSent%3E=2025-01-02&PageSize=100`;
    expect(validateTwilioRequest({ method: 'GET', path: ok })).toEqual([]);
    expect(validateTwilioRequest({ method: 'GET', path: `${MESSAGES}?PageSize=5000` }).join()).toContain('PageSize must be <= 1000');
    expect(validateTwilioRequest({ method: 'GET', path: `${MESSAGES}?Status=sent` })).toEqual([expect.stringContaining('unknown parameter Status')]);
    expect(validateTwilioRequest({ method: 'GET', path: `${MESSAGES}?DateSent=yesterday` }).join()).toContain('DateSent');
  });

  it('checks the redaction calls an erasure makes: an emptied body, the media listed, each media deleted', () => {
    const message = `/2010-04-01/Accounts/${ACCOUNT}/Messages/SM${'1'.repeat(32)}`;
    expect(validateTwilioRequest({ method: 'POST', path: `${message}.json`, form: form({ Body: '' }) })).toEqual([]);
    expect(validateTwilioRequest({ method: 'GET', path: `${message}/Media.json?PageSize=100` })).toEqual([]);
    expect(validateTwilioRequest({ method: 'DELETE', path: `${message}/Media/ME${'2'.repeat(32)}.json` })).toEqual([]);
    expect(validateTwilioRequest({ method: 'POST', path: `${message}.json`, form: form({ Body: '', MediaUrl: 'https://a.example/1.jpg' }) })).toEqual([expect.stringContaining('unknown parameter MediaUrl')]);
    expect(validateTwilioRequest({ method: 'DELETE', path: `${message}/Media/ME123.json` }).join()).toContain('path parameter Sid');
  });

  it('knows only documented operations', () => {
    expect(validateTwilioRequest({ method: 'PATCH', path: MESSAGES })).toEqual([expect.stringContaining('no such operation')]);
    expect(validateTwilioRequest({ method: 'GET', path: `/2010-04-01/Accounts/${ACCOUNT}/Nothing.json` })).toEqual([expect.stringContaining('no such operation')]);
  });

  it('checks Content API JSON bodies', () => {
    const body = { friendly_name: 'order_update', language: 'en', variables: { '1': 'name' }, types: { 'twilio/text': { body: 'Hello {{1}}' } } };
    expect(validateTwilioRequest({ method: 'POST', path: '/v1/Content', json: body })).toEqual([]);
    expect(validateTwilioRequest({ method: 'POST', path: '/v1/Content', json: { ...body, types: undefined } }).join()).toContain("must have required property 'types'");
    expect(validateTwilioRequest({ method: 'POST', path: '/v1/Content', json: { ...body, types: { 'twilio/text': { text: 'x' } } } }).join()).toContain('body');
  });
});

describe('Twilio contract: responses', () => {
  const cases: [string, string, number][] = [
    ['POST', '/2010-04-01/Accounts/{AccountSid}/Messages.json', 201],
    ['GET', '/2010-04-01/Accounts/{AccountSid}/Messages.json', 200],
    ['GET', '/2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json', 200],
    ['GET', '/2010-04-01/Accounts/{Sid}.json', 200],
    ['POST', '/2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json', 200],
    ['GET', '/2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media.json', 200],
    ['GET', '/v1/Content', 200],
    ['GET', '/v1/Content/{Sid}', 200],
    ['GET', '/v1/Content/{Sid}/ApprovalRequests', 200],
  ];
  const concrete = (template: string) =>
    template.replace('{AccountSid}', ACCOUNT).replace('{MessageSid}', `SM${'1'.repeat(32)}`).replace('{Sid}.json', `${template.includes('Messages') ? 'SM' : 'AC'}${'1'.repeat(32)}.json`).replace('{Sid}', 'HX' + '2'.repeat(32));

  it.each(cases)("accepts Twilio's own documented examples for %s %s", (method, template, status) => {
    const examples = documentedExamples(method, template, status);
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) expect(validateTwilioResponse({ method, path: concrete(template), status, body: example })).toEqual([]);
  });

  const message = () => structuredClone(documentedExamples('POST', '/2010-04-01/Accounts/{AccountSid}/Messages.json', 201)[0]) as Record<string, unknown>;

  it('rejects a Message with a missing or extra field, a bad sid, an ISO date or an unknown status', () => {
    const check = (body: unknown) => validateTwilioResponse({ method: 'POST', path: MESSAGES, status: 201, body }).join('\n');
    const missing = message();
    delete missing.num_media;
    expect(check(missing)).toContain("must have required property 'num_media'");
    expect(check({ ...message(), channel: 'whatsapp' })).toContain('must NOT have additional properties (channel)');
    expect(check({ ...message(), sid: 'SM123' })).toContain('/sid');
    expect(check({ ...message(), date_created: new Date().toISOString() })).toContain('date-time-rfc-2822');
    expect(check({ ...message(), date_created: 'Fri, 24 Aug 2023 05:01:45 +0000' })).toContain('date-time-rfc-2822'); // 24 Aug 2023 was a Thursday
    expect(check({ ...message(), status: 'pending' })).toContain('/status must be equal to one of the allowed values');
    expect(check({ ...message(), num_media: 0 })).toContain('/num_media must be string');
  });

  it('rejects an undocumented status code', () => {
    expect(validateTwilioResponse({ method: 'POST', path: MESSAGES, status: 200, body: message() })).toEqual([expect.stringContaining('not 200')]);
  });

  it("checks error bodies against Twilio's documented error shape", () => {
    const body = { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 };
    expect(validateTwilioResponse({ method: 'POST', path: MESSAGES, status: 401, body })).toEqual([]);
    expect(validateTwilioResponse({ method: 'POST', path: MESSAGES, status: 400, body }).join()).toContain('says status 401');
    expect(validateTwilioResponse({ method: 'POST', path: MESSAGES, status: 401, body: { error: { code: 'UNAUTHORIZED' } } }).join()).toContain("required property 'code'");
    expect(validateTwilioResponse({ method: 'POST', path: MESSAGES, status: 401, body: { ...body, code: '20003' } }).join()).toContain('/code must be integer');
  });
});
