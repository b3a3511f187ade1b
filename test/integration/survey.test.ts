import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { channelWorlds, customerWrites, setupChannel, type WhatsappSetup } from '../helpers/scenario.js';
import { channelAdapter } from '../../src/server/channels/registry.js';
import { CATALOGUE } from '../../src/server/automation/catalogue.js';
import { behaviorsWorld } from './behaviors-world.js';

describe.each(channelWorlds)('post-conversation survey on $channel ($kind)', ({ kind, channel }) => {
  let t: TestApp;
  let setup: WhatsappSetup;
  let world: ReturnType<typeof behaviorsWorld>;
  let phone = 15550003000;
  const nextCustomer = () => `+${++phone}`;

  /** A customer writes, the agent picks the conversation and closes it. */
  const servedAndClosed = async (from: string, opts: { closeAt?: Date } = {}) => {
    const { conversationId } = await customerWrites(t, setup, { from });
    expect((await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token })).status).toBe(200);
    const realNow = t.ctx.now;
    if (opts.closeAt) t.ctx.now = () => opts.closeAt!;
    try {
      const closed = await t.request("POST", `/api/v1/conversations/${conversationId}/close`, { token: setup.agent.token });
      expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    } finally {
      t.ctx.now = realNow;
    }
    return conversationId;
  };
  const surveyOf = (conversationId: string) => t.ctx.db.selectFrom('survey_requests').selectAll().where('conversation_id', '=', conversationId).executeTakeFirst();
  const linkIn = (text: string) => /(https?:\/\/\S+\/survey\/\S+)/.exec(text)?.[1];

  beforeAll(async () => {
    t = await startTestApp(kind);
    setup = await setupChannel(t, channel);
    world = behaviorsWorld(t, () => setup);
  });
  afterAll(() => t?.close());

  it('is not sent while the workstream has it off', async () => {
    const conversationId = await servedAndClosed(nextCustomer());
    expect(await surveyOf(conversationId)).toBeUndefined();
    expect(await world.automatedOf(conversationId)).toEqual([]);
  });

  it('asks in the chat on close; the rating reply is the answer, opens no conversation, and is thanked once', async () => {
    await world.setBehaviors({ survey: { enabled: true, channel: 'chat', answerWithinMinutes: 60 } });
    const from = nextCustomer();
    const conversationId = await servedAndClosed(from);
    expect(await world.automatedOf(conversationId)).toEqual([CATALOGUE['survey-question'].defaults.en]);

    await world.customerSends(from, '4 quick and kind');
    expect(await world.conversationsOf(from)).toEqual([{ id: conversationId, state: 'closed' }]);
    expect(await surveyOf(conversationId)).toMatchObject({ status: 'answered', rating: 4, comment: 'quick and kind', answered_via: 'chat' });
    expect(await world.automatedOf(conversationId)).toEqual([CATALOGUE['survey-question'].defaults.en, CATALOGUE['survey-thanks'].defaults.en]);
    const inbound = (await world.messagesOf(conversationId)).filter((m) => m.direction === 'inbound').map((m) => m.body);
    expect(inbound).toContain('4 quick and kind');

    // A second rating is a new conversation: the survey is answered already.
    await world.customerSends(from, '5');
    expect((await world.conversationsOf(from)).map((c) => c.state)).toEqual(['closed', 'open']);
  });

  it("a comment written after the rating is the answer's comment: no new conversation, shown on the timeline, counted once", async () => {
    await world.setBehaviors({ survey: { enabled: true, channel: 'chat', answerWithinMinutes: 60 } });
    const from = nextCustomer();
    const conversationId = await servedAndClosed(from);
    await world.customerSends(from, '5');
    await world.customerSends(from, 'The courier was really kind, thank you');
    expect(await world.conversationsOf(from)).toEqual([{ id: conversationId, state: 'closed' }]);
    expect(await surveyOf(conversationId)).toMatchObject({ status: 'answered', rating: 5, comment: 'The courier was really kind, thank you' });
    const inbound = (await world.messagesOf(conversationId)).filter((m) => m.direction === 'inbound').map((m) => m.body);
    expect(inbound).toContain('The courier was really kind, thank you');
    // Thanked once, for the rating; the comment is not answered again.
    expect(await world.automatedOf(conversationId)).toEqual([CATALOGUE['survey-question'].defaults.en, CATALOGUE['survey-thanks'].defaults.en]);
    const timeline = await world.timelineOf(conversationId);
    expect(timeline.filter((e) => e.type === 'survey.commented').map((e) => e.data)).toEqual([expect.objectContaining({ comment: 'The courier was really kind, thank you' })]);

    // The survey has its comment now: the customer's next message is a new conversation.
    await world.customerSends(from, 'One more thing about another order');
    expect((await world.conversationsOf(from)).map((c) => c.state)).toEqual(['closed', 'open']);
  });

  it('a comment after a rating that already had one, or long after it, starts a new conversation', async () => {
    const commented = nextCustomer();
    const first = await servedAndClosed(commented);
    await world.customerSends(commented, '4 quick and kind');
    await world.customerSends(commented, 'Also, where is my refund?');
    expect((await world.conversationsOf(commented)).map((c) => c.state)).toEqual(['closed', 'open']);
    expect(await surveyOf(first)).toMatchObject({ comment: 'quick and kind' });

    const later = nextCustomer();
    const second = await servedAndClosed(later);
    await world.customerSends(later, '3');
    const realNow = t.ctx.now;
    t.ctx.now = () => new Date(Date.now() + 31 * 60_000);
    try {
      await world.customerSends(later, 'Hello again, a new question');
    } finally {
      t.ctx.now = realNow;
    }
    expect((await world.conversationsOf(later)).map((c) => c.state)).toEqual(['closed', 'open']);
    expect(await surveyOf(second)).toMatchObject({ rating: 3, comment: null });
  });

  it('a reply that is not a rating, or comes too late, starts a new conversation', async () => {
    const chatty = nextCustomer();
    await servedAndClosed(chatty);
    await world.customerSends(chatty, 'I have another question');
    expect((await world.conversationsOf(chatty)).map((c) => c.state)).toEqual(['closed', 'open']);

    const late = nextCustomer();
    const conversationId = await servedAndClosed(late);
    const realNow = t.ctx.now;
    t.ctx.now = () => new Date(Date.now() + 61 * 60_000);
    try {
      await world.customerSends(late, '5');
    } finally {
      t.ctx.now = realNow;
    }
    expect((await world.conversationsOf(late)).map((c) => c.state)).toEqual(['closed', 'open']);
    expect(await surveyOf(conversationId)).toMatchObject({ status: 'sent', rating: null });
  });

  it('sends a link to a mobile survey page with a signed, single-use token', async () => {
    await world.setBehaviors({ survey: { enabled: true, channel: 'link' } });
    const conversationId = await servedAndClosed(nextCustomer());
    const [text] = await world.automatedOf(conversationId);
    const link = linkIn(text)!;
    expect(text).toBe(CATALOGUE['survey-link'].defaults.en.replace('{SurveyLink}', link));
    expect(link.startsWith(`${t.url}/survey/`)).toBe(true);

    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('name="viewport"');
    expect(html).toContain('How did we do?');

    const forged = await fetch(link.slice(0, -3) + (link.endsWith('AAA') ? 'BBB' : 'AAA'), { method: 'POST', body: new URLSearchParams({ rating: '1' }) });
    expect(forged.status).toBe(404);
    const noRating = await fetch(link, { method: 'POST', body: new URLSearchParams({ comment: 'hm' }) });
    expect(noRating.status).toBe(422);

    const answer = await fetch(link, { method: 'POST', body: new URLSearchParams({ rating: '5', comment: 'Great help' }) });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('Thank you for your feedback!');
    expect(await surveyOf(conversationId)).toMatchObject({ status: 'answered', rating: 5, comment: 'Great help', answered_via: 'link' });
    const again = await fetch(link, { method: 'POST', body: new URLSearchParams({ rating: '1' }) });
    expect(again.status).toBe(410);
    expect((await surveyOf(conversationId))?.rating).toBe(5);
    expect((await fetch(link)).status).toBe(410);
  });

  // Where the channel has a session window, a survey after it needs a template.
  const windowed = channelAdapter(channel).sessionWindowMs !== null;

  if (windowed) {
    it('outside the 24-hour window goes as the configured template with the link in {{1}}', async () => {
      const template = await t.request('POST', '/api/v1/templates', {
        token: setup.admin.token,
        body: { name: 'survey_invite', defaultLanguage: 'en', text: 'How did we do? {{1}}', localizations: [{ language: 'en', text: 'How did we do? {{1}}', contentSid: 'HX' + 'a'.repeat(32) }] },
      });
      expect(template.status).toBe(201);
      await world.setBehaviors({ survey: { enabled: true, channel: 'link', templateId: template.body.id } });
      const conversationId = await servedAndClosed(nextCustomer(), { closeAt: new Date(Date.now() + 25 * 3600_000) });
      const [message] = (await world.messagesOf(conversationId)).filter((m) => m.direction === 'outbound');
      expect(message.kind).toBe('template');
      const stored = await t.ctx.db.selectFrom('messages').select(['content_sid', 'content_variables']).where('conversation_id', '=', conversationId).where('direction', '=', 'outbound').executeTakeFirstOrThrow();
      expect(stored.content_sid).toBe('HX' + 'a'.repeat(32));
      expect(linkIn((stored.content_variables as Record<string, string>)['1'])).toBeTruthy();
      expect(await surveyOf(conversationId)).toMatchObject({ status: 'sent' });
    });

    it('outside the window without a template it is not sent, and the reason is on the timeline', async () => {
      await world.setBehaviors({ survey: { enabled: true, channel: 'chat', templateId: null } });
      const conversationId = await servedAndClosed(nextCustomer(), { closeAt: new Date(Date.now() + 25 * 3600_000) });
      expect((await world.messagesOf(conversationId)).filter((m) => m.direction === 'outbound')).toEqual([]);
      const notSent = (await world.timelineOf(conversationId)).find((e) => e.type === 'survey.not-sent');
      expect(notSent?.data.reason).toMatch(/window is closed.*no survey template/);
      expect(await surveyOf(conversationId)).toMatchObject({ status: 'not-sent' });
    });
  } else {
    it('asks days after the last message without any template: the channel has no window', async () => {
      await world.setBehaviors({ survey: { enabled: true, channel: 'chat', templateId: null, answerWithinMinutes: 60 } });
      const conversationId = await servedAndClosed(nextCustomer(), { closeAt: new Date(Date.now() + 3 * 24 * 3600_000) });
      expect(await world.automatedOf(conversationId)).toEqual([CATALOGUE['survey-question'].defaults.en]);
      expect((await world.timelineOf(conversationId)).map((e) => e.type)).not.toContain('survey.not-sent');
      expect(await surveyOf(conversationId)).toMatchObject({ status: 'sent' });
    });
  }

  it('feeds CSAT per agent, queue and workstream', async () => {
    for (const by of ['agent', 'queue', 'workstream'] as const) {
      const res = await t.request('GET', `/api/v1/surveys/csat?by=${by}`, { token: setup.admin.token });
      expect(res.status).toBe(200);
      // Answers so far, all for Grace in the Support queue: 4, 5, 4 and 3 in the chat, and 5 by link;
      // a comment sent after its rating is no answer of its own.
      const row = res.body.items.find((r: { responses: number }) => r.responses > 0);
      expect(row).toMatchObject({ responses: 5, averageRating: 4.2, csatPercent: 80 });
    }
    const agentRow = (await t.request('GET', '/api/v1/surveys/csat?by=agent', { token: setup.admin.token })).body.items.find((r: { id: string }) => r.id === setup.agent.id);
    expect(agentRow.name).toBe('Grace Agent');
    expect((await t.request('GET', '/api/v1/surveys/csat?by=agent', { token: setup.agent.token })).status).toBe(403);
  });
});
