import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';

const BILLING_INTENT = { name: 'billing', keywords: ['invoice'], reply: 'Your invoice is on its way.', buttons: ['Thanks'], handoff: false, variables: { topic: 'billing' } };

const CONFIGURED = {
  survey: { enabled: true, channel: 'link', answerWithinMinutes: 60, templateId: null },
  bot: {
    kind: 'rule',
    idleMinutes: 45,
    rule: { welcome: 'Hi, I am the Acme bot.', intents: [BILLING_INTENT], fallbackReply: 'Pardon?', talkToPersonLabel: 'A human' },
    http: { url: 'https://bot.example/hook', timeoutMs: 3000 },
  },
  autoClose: { waitingSeconds: 7200, openSeconds: 3600, activeSeconds: 14_400, wrapUpSeconds: 600 },
};

/** PUT /workstreams/:id/behaviors is a partial update: a field the caller leaves out keeps its stored value, never its default. */
describe.each(dbKinds)('changing some behaviors keeps the others (%s)', (kind) => {
  let t: TestApp;
  let setup: WhatsappSetup;
  let path: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    setup = await setupWhatsapp(t);
    const workstreamId = (await t.request('GET', '/api/v1/workstreams', { token: setup.admin.token })).body.items[0].id;
    path = `/api/v1/workstreams/${workstreamId}/behaviors`;
  });
  afterAll(() => t?.close());

  const put = (body: unknown) => t.request('PUT', path, { token: setup.admin.token, body });
  const stored = async () => (await t.request('GET', path, { token: setup.admin.token })).body;

  /** Configures every section, sends `change`, and answers what was stored before and after it. */
  async function beforeAndAfter(change: unknown) {
    expect((await put(CONFIGURED)).status).toBe(200);
    const before = await stored();
    const answer = await put(change);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const after = await stored();
    expect(answer.body).toEqual(after);
    return { before, after };
  }

  it('stores a whole configuration as sent', async () => {
    expect((await put(CONFIGURED)).status).toBe(200);
    expect(await stored()).toMatchObject(CONFIGURED);
  });

  it.each([
    ['bot.idleMinutes alone keeps the bot kind', { bot: { idleMinutes: 10 } }, (b: any) => { b.bot.idleMinutes = 10; }],
    ['bot.rule.welcome alone keeps the intents, fallback reply and label', { bot: { rule: { welcome: 'Hello!' } } }, (b: any) => { b.bot.rule.welcome = 'Hello!'; }],
    ['bot.http.timeoutMs alone keeps the URL', { bot: { http: { timeoutMs: 4000 } } }, (b: any) => { b.bot.http.timeoutMs = 4000; }],
    ['survey.enabled alone keeps the channel and answer time', { survey: { enabled: false } }, (b: any) => { b.survey.enabled = false; }],
    ['the setup wizard\'s survey (no answer time) keeps the answer time', { survey: { enabled: true, channel: 'chat', templateId: null } }, (b: any) => { b.survey.channel = 'chat'; }],
    ['autoClose.openSeconds alone keeps the other limits, waiting included', { autoClose: { openSeconds: 1800 } }, (b: any) => { b.autoClose.openSeconds = 1800; }],
    ['an empty section changes nothing', { bot: { rule: {}, http: {} }, survey: {}, autoClose: {} }, () => {}],
  ])('%s', async (_name, change, expectedChange) => {
    const { before, after } = await beforeAndAfter(change);
    const expected = structuredClone(before);
    expectedChange(expected);
    expect(after).toEqual(expected);
  });

  it('replaces a list as a whole, and an intent sent without its optional fields gets their defaults', async () => {
    const { before, after } = await beforeAndAfter({ bot: { rule: { intents: [{ name: 'hours', keywords: ['open'] }] } } });
    expect(after.bot.rule.intents).toEqual([{ name: 'hours', keywords: ['open'], reply: '', buttons: [], handoff: false, variables: {} }]);
    expect({ ...after.bot.rule, intents: before.bot.rule.intents }).toEqual(before.bot.rule);
  });

  it('still fills every default for a workstream never configured', async () => {
    const workstream = await t.request('POST', '/api/v1/workstreams', { token: setup.admin.token, body: { name: 'Fresh', channel: 'whatsapp', mode: 'pick', fallbackQueueId: setup.queueId } });
    const freshPath = `/api/v1/workstreams/${workstream.body.id}/behaviors`;
    const answer = await t.request('PUT', freshPath, { token: setup.admin.token, body: { bot: { idleMinutes: 5 } } });
    expect(answer.status).toBe(200);
    expect(answer.body.bot).toMatchObject({ kind: 'none', idleMinutes: 5, rule: { intents: [], talkToPersonLabel: 'Talk to a person' }, http: { url: null, timeoutMs: 5000 } });
    expect(answer.body.survey).toEqual({ enabled: false, channel: 'chat', answerWithinMinutes: 1440, templateId: null });
  });
});
