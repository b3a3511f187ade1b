import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { channelWorlds, customerWrites, setupChannel, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { CATALOGUE } from '../../src/server/automation/catalogue.js';
import { behaviorsWorld } from './behaviors-world.js';
import { channelAdapter } from '../../src/server/channels/registry.js';
import { overflowLongWaits } from '../../src/server/routing/overflow-sweep.js';

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** What does not depend on the channel (the catalogue, the settings' validation) and what only WhatsApp has. */
describe.each(dbKinds)('automated messages: catalogue, settings and WhatsApp message types (%s)', (kind) => {
  let t: TestApp;
  let setup: WhatsappSetup;
  let world: ReturnType<typeof behaviorsWorld>;
  let workstreamId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    setup = await setupWhatsapp(t);
    world = behaviorsWorld(t, () => setup);
    workstreamId = (await t.request('GET', '/api/v1/workstreams', { token: setup.admin.token })).body.items[0].id;
  });
  afterAll(() => t?.close());

  it('lists the catalogue with English, Korean and Spanish defaults', async () => {
    const res = await t.request('GET', '/api/v1/automation/triggers', { token: setup.admin.token });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(14);
    for (const item of res.body.items) expect(Object.keys(item.defaults).sort()).toEqual(['en', 'es', 'ko']);
  });

  it('answers an unreadable WhatsApp message type (a sticker), once per message', async () => {
    const from = '+15550002999';
    const { conversationId } = await customerWrites(t, setup, { from, body: '', extra: { MessageType: 'sticker' } });
    await customerWrites(t, setup, { from, body: 'sorry, that was a sticker' });
    expect(await world.automatedOf(conversationId)).toEqual([CATALOGUE['unsupported-message-type'].defaults.en]);
  });

  it('refuses unknown triggers and bad settings with a 4xx and changes nothing', async () => {
    const before = await t.request('GET', `/api/v1/workstreams/${workstreamId}/behaviors`, { token: setup.admin.token });
    const unknown = await t.request('PUT', `/api/v1/workstreams/${workstreamId}/behaviors`, { token: setup.admin.token, body: { automatedMessages: { farewell: { enabled: true } } } });
    expect(unknown.status).toBe(400);
    const badBot = await t.request('PUT', `/api/v1/workstreams/${workstreamId}/behaviors`, { token: setup.admin.token, body: { bot: { kind: 'http' } } });
    expect(badBot.status).toBe(422);
    expect(badBot.body.error.field).toBe('bot.http.url');
    const agent = await t.request('PUT', `/api/v1/workstreams/${workstreamId}/behaviors`, { token: setup.agent.token, body: { survey: { enabled: true } } });
    expect(agent.status).toBe(403);
    expect((await t.request('GET', `/api/v1/workstreams/${workstreamId}/behaviors`, { token: setup.admin.token })).body).toEqual(before.body);
  });
});

describe.each(channelWorlds)('automated messages on $channel ($kind)', ({ kind, channel }) => {
  let t: TestApp;
  let setup: WhatsappSetup;
  let world: ReturnType<typeof behaviorsWorld>;
  let workstreamId: string;
  let phone = 15550002000;
  const nextCustomer = () => `+${++phone}`;

  beforeAll(async () => {
    t = await startTestApp(kind);
    setup = await setupChannel(t, channel);
    world = behaviorsWorld(t, () => setup);
    workstreamId = (await t.request('GET', '/api/v1/workstreams', { token: setup.admin.token })).body.items[0].id;
  });
  afterAll(() => t?.close());

  it('sends nothing a workstream has not turned on (the greeting is off by default)', async () => {
    const { conversationId } = await customerWrites(t, setup, { from: nextCustomer() });
    expect(await world.automatedOf(conversationId)).toEqual([]);
  });

  it('greets a new conversation once, in the workstream language, with its rewrite, and not on later messages', async () => {
    await world.setBehaviors({ automatedMessages: { greeting: { enabled: true, texts: { es: '¡Hola! Bienvenido a Acme.' } } } });
    await t.request('PATCH', `/api/v1/workstreams/${workstreamId}`, { token: setup.admin.token, body: { [channel]: { language: 'es' } } });
    const from = nextCustomer();
    const { conversationId } = await customerWrites(t, setup, { from });
    await customerWrites(t, setup, { from, body: 'are you there?' });
    expect(await world.automatedOf(conversationId)).toEqual(['¡Hola! Bienvenido a Acme.']);

    await t.request('PATCH', `/api/v1/workstreams/${workstreamId}`, { token: setup.admin.token, body: { [channel]: { language: 'ko' } } });
    const korean = await customerWrites(t, setup, { from: nextCustomer() });
    expect(await world.automatedOf(korean.conversationId)).toEqual([CATALOGUE.greeting.defaults.ko]);
    await t.request('PATCH', `/api/v1/workstreams/${workstreamId}`, { token: setup.admin.token, body: { [channel]: { language: 'en' } } });
    await world.setBehaviors({ automatedMessages: { greeting: { enabled: false } } });
  });

  it("prefers the contact's own language to the workstream's", async () => {
    await world.setBehaviors({ automatedMessages: { greeting: { enabled: true } } });
    const from = nextCustomer();
    await t.ctx.db.insertInto('contacts').values({ phone: from, language: 'es' }).execute();
    const { conversationId } = await customerWrites(t, setup, { from });
    expect(await world.automatedOf(conversationId)).toEqual([CATALOGUE.greeting.defaults.es]);
    await world.setBehaviors({ automatedMessages: { greeting: { enabled: false } } });
  });

  it('tells each waiting customer their position in the queue, once', async () => {
    await world.setBehaviors({ automatedMessages: { 'queue-position': { enabled: true } } });
    const waitingBefore = Number((await t.ctx.db.selectFrom('conversations').select((eb) => eb.fn.countAll<string>().as('n')).where('state', '=', 'open').executeTakeFirstOrThrow()).n);
    const first = nextCustomer();
    const a = await customerWrites(t, setup, { from: first });
    const b = await customerWrites(t, setup, { from: nextCustomer() });
    await customerWrites(t, setup, { from: first, body: 'hello?' });
    expect(await world.automatedOf(a.conversationId)).toEqual([`You are number ${waitingBefore + 1} in the queue. An agent will answer as soon as possible.`]);
    expect(await world.automatedOf(b.conversationId)).toEqual([`You are number ${waitingBefore + 2} in the queue. An agent will answer as soon as possible.`]);
    await world.setBehaviors({ automatedMessages: { 'queue-position': { enabled: false } } });
  });

  it('names the agent who takes the conversation, and says goodbye when the agent ends it (not again on close)', async () => {
    await world.setBehaviors({ automatedMessages: { 'agent-assigned': { enabled: true }, 'agent-ended': { enabled: true } } });
    const { conversationId } = await customerWrites(t, setup, { from: nextCustomer() });
    expect(await world.automatedOf(conversationId)).toEqual([]);
    expect((await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token })).status).toBe(200);
    expect(await world.automatedOf(conversationId)).toEqual(['Grace Agent is now helping you.']);
    expect((await t.request('POST', `/api/v1/conversations/${conversationId}/end`, { token: setup.agent.token })).status).toBe(200);
    expect((await t.request('POST', `/api/v1/conversations/${conversationId}/close`, { token: setup.agent.token })).status).toBe(200);
    expect(await world.automatedOf(conversationId)).toEqual(['Grace Agent is now helping you.', CATALOGUE['agent-ended'].defaults.en]);
    const messages = await world.messagesOf(conversationId);
    expect(messages.filter((m) => m.kind === 'automated').every((m) => m.direction === 'outbound' && m.status === 'queued')).toBe(true);
    await world.setBehaviors({ automatedMessages: { 'agent-assigned': { enabled: false }, 'agent-ended': { enabled: false } } });
  });

  it('announces a transfer with the queue name, then the new agent', async () => {
    await world.setBehaviors({ automatedMessages: { 'transfer-started': { enabled: true }, 'transfer-done': { enabled: true }, 'agent-assigned': { enabled: true } } });
    const other = await t.request('POST', '/api/v1/queues', { token: setup.admin.token, body: { name: 'Billing', agentIds: [setup.agent.id] } });
    const { conversationId } = await customerWrites(t, setup, { from: nextCustomer() });
    await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token });
    const transfer = await t.request('POST', `/api/v1/conversations/${conversationId}/transfer`, { token: setup.agent.token, body: { queueId: other.body.id } });
    expect(transfer.status).toBe(200);
    expect((await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token })).status).toBe(200);
    expect(await world.automatedOf(conversationId)).toEqual([
      'Grace Agent is now helping you.',
      'We are transferring you to Billing. Please stay with us.',
      'You are now connected with Grace Agent.',
    ]);
    await world.setBehaviors({ automatedMessages: { 'transfer-started': { enabled: false }, 'transfer-done': { enabled: false }, 'agent-assigned': { enabled: false } } });
  });

  it('out of hours: one message per conversation with the next opening, however many messages arrive', async () => {
    const tomorrow = DAY_NAMES[(new Date().getUTCDay() + 1) % 7];
    await t.request('PATCH', `/api/v1/queues/${setup.queueId}`, { token: setup.admin.token, body: { timeZone: 'UTC', weeklyHours: [{ day: tomorrow, open: '09:00', close: '17:00' }] } });
    const from = nextCustomer();
    const { conversationId } = await customerWrites(t, setup, { from });
    await customerWrites(t, setup, { from, body: 'hello?' });
    await customerWrites(t, setup, { from, body: 'anyone?' });
    const automated = await world.automatedOf(conversationId);
    expect(automated).toHaveLength(1);
    const weekday = new Intl.DateTimeFormat('en', { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.now() + 86400_000));
    expect(automated[0]).toBe(`We are closed right now. We open again ${weekday} 09:00 and will answer you then.`);
    // The conversation waits in the queue for the opening.
    const conversation = await t.request('GET', `/api/v1/conversations/${conversationId}`, { token: setup.admin.token });
    expect(conversation.body.state).toBe('open');
  });

  it('a holiday gets the holiday message, in Spanish for a Spanish-speaking contact', async () => {
    const today = new Date().toISOString().slice(0, 10);
    await t.request('PATCH', `/api/v1/queues/${setup.queueId}`, { token: setup.admin.token, body: { weeklyHours: null, holidays: [{ date: today, name: 'Founders day' }] } });
    const from = nextCustomer();
    await t.ctx.db.insertInto('contacts').values({ phone: from, language: 'es' }).execute();
    const { conversationId } = await customerWrites(t, setup, { from });
    await customerWrites(t, setup, { from, body: 'hola?' });
    const automated = await world.automatedOf(conversationId);
    expect(automated).toHaveLength(1);
    expect(automated[0]).toMatch(/^Hoy estamos cerrados por festivo\. Volvemos a abrir \S+ 00:00 y te responderemos entonces\.$/);
    await t.request('PATCH', `/api/v1/queues/${setup.queueId}`, { token: setup.admin.token, body: { holidays: [] } });
  });

  it('tells the customer nobody is available when overflow ends the conversation', async () => {
    await t.request('PATCH', `/api/v1/queues/${setup.queueId}`, { token: setup.admin.token, body: { overflow: { itemLimit: { limit: 1, action: 'end' } } } });
    const from = nextCustomer();
    try {
      // The helper looks for a live conversation; this one is closed on arrival.
      await customerWrites(t, setup, { from }).catch(() => undefined);
    } finally {
      await t.request('PATCH', `/api/v1/queues/${setup.queueId}`, { token: setup.admin.token, body: { overflow: {} } });
    }
    const closed = await t.ctx.db
      .selectFrom('conversations as c')
      .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
      .select(['c.id', 'c.state'])
      .where('ct.phone', '=', from)
      .executeTakeFirstOrThrow();
    expect(closed.state).toBe('closed');
    expect(await world.automatedOf(closed.id)).toEqual([CATALOGUE['no-agent-available'].defaults.en]);
  });

  it('tells the customer nobody is available when a long wait ends the conversation, once', async () => {
    await t.request('PATCH', `/api/v1/queues/${setup.queueId}`, { token: setup.admin.token, body: { overflow: { waitingLongerThan: { seconds: 60, action: 'end' } } } });
    const realNow = t.ctx.now;
    try {
      const { conversationId } = await customerWrites(t, setup, { from: nextCustomer() });
      t.ctx.now = () => new Date(Date.now() + 120_000);
      await overflowLongWaits(t.ctx);
      await overflowLongWaits(t.ctx);
      expect(await world.automatedOf(conversationId)).toEqual([CATALOGUE['no-agent-available'].defaults.en]);
    } finally {
      t.ctx.now = realNow;
      await t.request('PATCH', `/api/v1/queues/${setup.queueId}`, { token: setup.admin.token, body: { overflow: {} } });
    }
  });

  it('answers every attachment while attachments are off, until the message itself is turned off', async () => {
    const from = nextCustomer();
    const { conversationId } = await customerWrites(t, setup, { from });
    await t.request('PATCH', `/api/v1/workstreams/${workstreamId}`, { token: setup.admin.token, body: { [channel]: { customerAttachments: false } } });
    const media = [{ contentType: 'image/png', url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1' }];
    await customerWrites(t, setup, { from, body: 'photo 1', media });
    await customerWrites(t, setup, { from, body: 'photo 2', media });
    expect(await world.automatedOf(conversationId)).toEqual([CATALOGUE['attachment-not-allowed'].defaults.en, CATALOGUE['attachment-not-allowed'].defaults.en]);
    await world.setBehaviors({ automatedMessages: { 'attachment-not-allowed': { enabled: false } } });
    await customerWrites(t, setup, { from, body: 'photo 3', media });
    expect(await world.automatedOf(conversationId)).toHaveLength(2);
    await t.request('PATCH', `/api/v1/workstreams/${workstreamId}`, { token: setup.admin.token, body: { [channel]: { customerAttachments: true } } });
  });

  it("a day after the customer's last message: the goodbye goes where the channel has no window; otherwise the agent is told instead", async () => {
    await world.setBehaviors({ automatedMessages: { 'agent-ended': { enabled: true } } });
    const { conversationId } = await customerWrites(t, setup, { from: nextCustomer() });
    await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token });
    const realNow = t.ctx.now;
    t.ctx.now = () => new Date(Date.now() + 25 * 3600_000);
    try {
      expect((await t.request('POST', `/api/v1/conversations/${conversationId}/end`, { token: setup.agent.token })).status).toBe(200);
    } finally {
      t.ctx.now = realNow;
    }
    const timeline = await world.timelineOf(conversationId);
    if (channelAdapter(channel).sessionWindowMs === null) {
      expect(await world.automatedOf(conversationId)).toEqual([CATALOGUE['agent-ended'].defaults.en]);
      expect(timeline.map((e) => e.type)).not.toContain('automation.not-sent');
    } else {
      expect(await world.automatedOf(conversationId)).toEqual([]);
      expect(timeline.find((e) => e.type === 'automation.not-sent')?.data).toMatchObject({ trigger: 'agent-ended' });
      expect(timeline.find((e) => e.type === 'automation.notice')?.data).toMatchObject({ trigger: 'window-closed', text: CATALOGUE['window-closed'].defaults.en });
    }
    await world.setBehaviors({ automatedMessages: { 'agent-ended': { enabled: false } } });
  });

  it('wakes the outbox worker only when a message queued a reply, and the media worker only for an attachment', async () => {
    const woken = { outbox: 0, media: 0 };
    const { outboxQueued, mediaQueued } = t.ctx.signals;
    t.ctx.signals.outboxQueued = () => void woken.outbox++;
    t.ctx.signals.mediaQueued = () => void woken.media++;
    try {
      await t.request('PATCH', `/api/v1/workstreams/${workstreamId}`, { token: setup.admin.token, body: { [channel]: { customerAttachments: true } } });
      await world.setBehaviors({ automatedMessages: { greeting: { enabled: false } } });
      await customerWrites(t, setup, { from: nextCustomer(), body: 'Hello' });
      expect(woken).toEqual({ outbox: 0, media: 0 });
      const media = [{ contentType: 'image/png', url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM2/Media/ME2' }];
      await customerWrites(t, setup, { from: nextCustomer(), body: 'A photo', media });
      expect(woken).toEqual({ outbox: 0, media: 1 });
      await world.setBehaviors({ automatedMessages: { greeting: { enabled: true } } });
      await customerWrites(t, setup, { from: nextCustomer(), body: 'Hello again' });
      expect(woken).toEqual({ outbox: 1, media: 1 });
    } finally {
      Object.assign(t.ctx.signals, { outboxQueued, mediaQueued });
      await world.setBehaviors({ automatedMessages: { greeting: { enabled: false } } });
    }
  });
});
