import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { runRoutingSweep } from '../../src/server/routing/sweep.js';
import { conversationRow, createWorlds, fakeClock, nextCustomer, pendingOffer, timeline, type World } from './routing-world.js';

describe.each(dbKinds)('routing rules: classification, route-to-queue, hours, overflow (%s)', (kind) => {
  let t: TestApp;
  let admin: { id: string; token: string };
  const { world } = createWorlds(() => t, () => admin);

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await t.userWithToken('admin');
  });
  afterAll(() => t?.close());

  const newQueue = async (body: Record<string, unknown> = {}) => {
    const res = await t.request('POST', '/api/v1/queues', { token: admin.token, body: { name: `Q ${Math.random().toString(36).slice(2, 9)}`, ...body } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const addRule = async (w: World, body: Record<string, unknown>) => {
    const res = await t.request('POST', `/api/v1/workstreams/${w.workstreamId}/routing-rules`, { token: admin.token, body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };

  it('routes on every condition type, first match wins, no match goes to the fallback queue', async () => {
    const w = await world({ mode: 'pick' });
    const q = { phone: await newQueue(), country: await newQueue(), contains: await newQueue(), matches: await newQueue(), language: await newQueue(), contact: await newQueue(), output: await newQueue(), day: await newQueue() };
    await t.request('POST', `/api/v1/workstreams/${w.workstreamId}/classification-rulesets`, {
      token: admin.token,
      body: { name: 'VIP', rules: [{ name: 'Gold contacts', conditions: [{ field: 'contact.tier', operator: 'equals', value: 'gold' }], outputs: { priority: 9, variables: { segment: 'vip' } } }] },
    });
    await addRule(w, { name: 'Earlier output', order: 0, conditions: [{ field: 'var.segment', operator: 'equals', value: 'vip' }], queueId: q.output });
    await addRule(w, { name: 'Contact attribute', order: 1, conditions: [{ field: 'contact.city', operator: 'in', value: ['Busan', 'Daegu'] }], queueId: q.contact });
    await addRule(w, { name: 'Phone prefix', order: 2, conditions: [{ field: 'customer.phone', operator: 'starts-with', value: '+5511' }], queueId: q.phone });
    await addRule(w, { name: 'Regex', order: 3, conditions: [{ field: 'message.first', operator: 'matches', value: '^order\\s+#?\\d{4,}' }], queueId: q.matches });
    await addRule(w, { name: 'Contains', order: 4, conditions: [{ field: 'message.first', operator: 'contains', value: 'refund' }], queueId: q.contains });
    await addRule(w, { name: 'Country', order: 5, conditions: [{ field: 'customer.country', operator: 'equals', value: 'US' }, { field: 'language', operator: 'not-equals', value: 'ko' }], queueId: q.country });
    await addRule(w, { name: 'Language', order: 6, conditions: [{ field: 'language', operator: 'equals', value: 'es' }], queueId: q.language });
    await addRule(w, { name: 'Weekend in Seoul', order: 7, conditions: [{ field: 'time.day', operator: 'in', value: ['sat', 'sun'], timeZone: 'Asia/Seoul' }, { field: 'time.local', operator: 'between', value: ['08:00', '20:00'], timeZone: 'Asia/Seoul' }], queueId: q.day });

    const queueOf = async (id: string) => (await conversationRow(t, id)).queue_id;
    const clock = fakeClock(t, new Date('2026-11-25T03:00:00Z')); // Wednesday, noon in Seoul
    try {
      expect(await queueOf(await w.write('+5511987654321', 'hi'))).toBe(q.phone);
      expect(await queueOf(await w.write(nextCustomer(), 'ORDER #12345 is late'))).toBe(q.matches);
      expect(await queueOf(await w.write(nextCustomer(), 'I want a REFUND please'))).toBe(q.contains);
      expect(await queueOf(await w.write('+12025550143', 'hello'))).toBe(q.country);
      expect(await queueOf(await w.write(nextCustomer(), 'hola'))).toBe(w.queueId);

      // Contact attributes and language come from the contact the customer already is.
      const known = nextCustomer();
      await t.ctx.db.insertInto('contacts').values({ phone: known, language: 'es', attributes: JSON.stringify({ city: 'Busan' }) }).execute();
      expect(await queueOf(await w.write(known, 'hola'))).toBe(q.contact);
      const spanish = nextCustomer();
      await t.ctx.db.insertInto('contacts').values({ phone: spanish, language: 'es' }).execute();
      expect(await queueOf(await w.write(spanish, 'hola'))).toBe(q.language);
      const gold = nextCustomer();
      await t.ctx.db.insertInto('contacts').values({ phone: gold, attributes: JSON.stringify({ tier: 'gold' }) }).execute();
      const vip = await w.write(gold, 'hi');
      expect(await conversationRow(t, vip)).toMatchObject({ queue_id: q.output, priority: 9 });
      expect((await conversationRow(t, vip)).routing_variables).toEqual({ segment: 'vip' });

      clock.set(new Date('2026-11-28T02:00:00Z')); // Saturday 11:00 in Seoul
      const weekend = await w.write(nextCustomer(), 'hello');
      expect(await queueOf(weekend)).toBe(q.day);
      const routed = (await timeline(t, weekend)).find((e) => e.type === 'routing.routed')!.data as any;
      expect(routed).toMatchObject({ reason: 'rule', ruleName: 'Weekend in Seoul', queueId: q.day });
      const weekendRule = routed.rules.find((r: any) => r.name === 'Weekend in Seoul');
      expect(weekendRule.conditions.map((c: any) => c.actual)).toEqual(['sat', '11:00']);
    } finally {
      t.ctx.now = () => new Date();
    }
  });

  it('refuses unsafe regular expressions and bad values when a rule is saved, and changes nothing', async () => {
    const w = await world({ mode: 'pick' });
    const unsafe = await t.request('POST', `/api/v1/workstreams/${w.workstreamId}/routing-rules`, {
      token: admin.token,
      body: { name: 'Evil', conditions: [{ field: 'message.first', operator: 'matches', value: '(a+)+$' }], queueId: w.queueId },
    });
    expect(unsafe.status).toBe(422);
    expect(unsafe.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'conditions.0.value' });
    expect(unsafe.body.error.message).toMatch(/exponential/);
    const badField = await t.request('POST', `/api/v1/workstreams/${w.workstreamId}/routing-rules`, {
      token: admin.token,
      body: { name: 'Bad', conditions: [{ field: 'password', operator: 'equals', value: 'x' }], queueId: w.queueId },
    });
    expect(badField.status).toBe(400);
    const badSplit = await t.request('POST', `/api/v1/workstreams/${w.workstreamId}/routing-rules`, {
      token: admin.token,
      body: { name: 'Split', conditions: [], split: [{ queueId: w.queueId, percent: 50 }, { queueId: await newQueue(), percent: 20 }] },
    });
    expect(badSplit.status).toBe(422);
    expect((await t.request('GET', `/api/v1/workstreams/${w.workstreamId}/routing-rules`, { token: admin.token })).body.items).toHaveLength(0);
    const agentToken = (await t.userWithToken('agent')).token;
    expect((await t.request('POST', `/api/v1/workstreams/${w.workstreamId}/routing-rules`, { token: agentToken, body: { name: 'x', conditions: [], queueId: w.queueId } })).status).toBe(403);
  });

  it('skips a matched queue that is overflowing for the next match, and splits by percentage', async () => {
    const w = await world({ mode: 'pick' });
    const full = await newQueue({ overflow: { itemLimit: { limit: 1, action: 'end' } } });
    const second = await newQueue();
    await addRule(w, { name: 'Full one', conditions: [], queueId: full });
    await addRule(w, { name: 'Next', conditions: [], queueId: second });
    const a = await w.write(nextCustomer());
    const b = await w.write(nextCustomer());
    expect((await conversationRow(t, a)).queue_id).toBe(full);
    expect((await conversationRow(t, b)).queue_id).toBe(second);
    const routed = (await timeline(t, b)).find((e) => e.type === 'routing.routed')!.data as any;
    expect(routed.rules[0]).toMatchObject({ name: 'Full one', matched: true, skipped: 'overflowing' });

    const split = await world({ mode: 'pick' });
    const left = await newQueue();
    const right = await newQueue();
    await addRule(split, { name: 'Split', conditions: [], split: [{ queueId: left, percent: 50 }, { queueId: right, percent: 50 }] });
    const landed = new Set<string>();
    for (let i = 0; i < 12; i++) landed.add((await conversationRow(t, await split.write(nextCustomer()))).queue_id!);
    expect(landed).toEqual(new Set([left, right]));
  });

  it('tests a sample conversation against the rules without writing anything', async () => {
    const w = await world({ mode: 'pick' });
    const billing = await newQueue();
    await addRule(w, { name: 'Billing', conditions: [{ field: 'message.first', operator: 'contains', value: 'invoice' }], queueId: billing });
    const before = await t.ctx.db.selectFrom('conversations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const res = await t.request('POST', `/api/v1/workstreams/${w.workstreamId}/routing/test`, { token: admin.token, body: { customerPhone: '+821055551234', message: 'My invoice is wrong' } });
    expect(res.status).toBe(200);
    expect(res.body.queue.id).toBe(billing);
    expect(res.body.facts.customer.country).toBe('KR');
    expect(res.body.routeToQueue.trace[0]).toMatchObject({ name: 'Billing', matched: true, conditions: [{ field: 'message.first', actual: 'My invoice is wrong', matched: true }] });
    const after = await t.ctx.db.selectFrom('conversations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('routes an SMS and a WhatsApp conversation on one number to different queues by a channel rule; the tester takes a channel', async () => {
    const w = await world({ mode: 'pick', channels: ['whatsapp', 'sms'] });
    const sms = await t.request('POST', '/api/v1/workstreams', {
      token: admin.token,
      body: { name: `SMS ${w.number}`, channel: 'sms', mode: 'pick', fallbackQueueId: w.queueId, sms: { numberId: w.numberId } },
    });
    expect(sms.status, JSON.stringify(sms.body)).toBe(201);
    const textQueue = await newQueue();
    const chatQueue = await newQueue();
    // Both workstreams carry the same rules: only the channel tells the conversations apart.
    for (const workstreamId of [w.workstreamId, sms.body.id]) {
      await addRule({ ...w, workstreamId }, { name: 'Texts', order: 0, conditions: [{ field: 'channel', operator: 'equals', value: 'sms' }], queueId: textQueue });
      await addRule({ ...w, workstreamId }, { name: 'Not texts', order: 1, conditions: [{ field: 'channel', operator: 'not-equals', value: 'sms' }], queueId: chatQueue });
    }
    const customer = nextCustomer();
    const byText = await w.text(customer, 'hi by text');
    const byChat = await w.write(customer, 'hi on WhatsApp');
    expect(byText).not.toBe(byChat);
    expect(await conversationRow(t, byText)).toMatchObject({ channel: 'sms', queue_id: textQueue });
    expect(await conversationRow(t, byChat)).toMatchObject({ channel: 'whatsapp', queue_id: chatQueue });
    const routed = (await timeline(t, byText)).find((e) => e.type === 'routing.routed')!.data as any;
    expect(routed).toMatchObject({ reason: 'rule', ruleName: 'Texts' });
    expect(routed.rules[0].conditions[0]).toMatchObject({ field: 'channel', actual: 'sms', matched: true });

    // The tester runs as the workstream's channel unless told another.
    const test = (body: Record<string, unknown>) => t.request('POST', `/api/v1/workstreams/${w.workstreamId}/routing/test`, { token: admin.token, body: { customerPhone: customer, message: 'hi', ...body } });
    expect((await test({})).body).toMatchObject({ facts: { channel: 'whatsapp' }, queue: { id: chatQueue } });
    expect((await test({ channel: 'sms' })).body).toMatchObject({ facts: { channel: 'sms' }, queue: { id: textQueue } });
    const unknown = await test({ channel: 'fax' });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toMatch(/channel/);

    // Only registered channels, and only equality tests, are saved.
    for (const condition of [{ field: 'channel', operator: 'equals', value: 'telegram' }, { field: 'channel', operator: 'contains', value: 'sms' }]) {
      const bad = await t.request('POST', `/api/v1/workstreams/${w.workstreamId}/routing-rules`, { token: admin.token, body: { name: 'Bad', conditions: [condition], queueId: w.queueId } });
      expect(bad.status).toBe(422);
      expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'conditions.0.value' });
    }
    expect((await t.request('GET', `/api/v1/workstreams/${w.workstreamId}/routing-rules`, { token: admin.token })).body.items).toHaveLength(2);
  });

  it('operating hours with a time zone and a holiday: out-of-hours overflow transfers; inside hours it queues', async () => {
    const night = await newQueue();
    const hours = {
      timeZone: 'Asia/Seoul',
      weeklyHours: ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, open: '09:00', close: '18:00' })),
      holidays: [{ date: '2026-12-25', name: 'Christmas' }],
      overflow: { outOfHours: { action: 'transfer', queueId: night } },
    };
    const w = await world({ mode: 'push', queue: hours });
    const clock = fakeClock(t, new Date('2026-12-24T01:00:00Z')); // Thursday 10:00 in Seoul: open
    try {
      const open = await w.write(nextCustomer());
      expect((await conversationRow(t, open)).queue_id).toBe(w.queueId);
      clock.set(new Date('2026-12-25T01:00:00Z')); // Friday 10:00 in Seoul, but Christmas
      const holiday = await w.write(nextCustomer());
      expect((await conversationRow(t, holiday)).queue_id).toBe(night);
      const overflow = (await timeline(t, holiday)).find((e) => e.type === 'routing.overflow')!.data as any;
      expect(overflow).toMatchObject({ stage: 'before-queueing', condition: 'out-of-hours', action: { action: 'transfer', queueId: night } });
      expect(overflow.detail).toMatchObject({ reason: 'holiday', holiday: 'Christmas', nextOpenAt: '2026-12-28T00:00:00.000Z' });
      clock.set(new Date('2026-12-23T12:00:00Z')); // Wednesday 21:00 in Seoul: closed
      expect((await conversationRow(t, await w.write(nextCustomer()))).queue_id).toBe(night);
    } finally {
      t.ctx.now = () => new Date();
    }
  });

  it('a closed queue without an out-of-hours action holds work until it opens; "assign anyway" does not', async () => {
    const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, open: '09:00', close: '17:00' }));
    const waits = await world({ agents: [{}], queue: { timeZone: 'America/New_York', weeklyHours: weekdays } });
    const anyway = await world({ agents: [{}], queue: { timeZone: 'America/New_York', weeklyHours: weekdays, overflow: { outOfHours: { action: 'assign-anyway' } } } });
    const clock = fakeClock(t, new Date('2026-11-28T15:00:00Z')); // Saturday
    try {
      const held = await waits.write(nextCustomer());
      expect(await pendingOffer(t, held)).toBeUndefined();
      const waiting = (await timeline(t, held)).find((e) => e.type === 'routing.waiting')!.data as any;
      expect(waiting.reason).toMatch(/closed \(outside-hours/);
      const assigned = await anyway.write(nextCustomer());
      expect((await pendingOffer(t, assigned))?.agent_id).toBe(anyway.agents[0].id);
      clock.set(new Date('2026-11-30T14:01:00Z')); // Monday 09:01 in New York
      await runRoutingSweep(t.ctx);
      expect((await pendingOffer(t, held))?.agent_id).toBe(waits.agents[0].id);
    } finally {
      t.ctx.now = () => new Date();
    }
  });

  it('item limit with "end": the conversation is closed on arrival, and its timeline says why', async () => {
    const w = await world({ mode: 'pick', queue: { overflow: { itemLimit: { limit: 2, action: 'end' } } } });
    const kept = [await w.write(nextCustomer()), await w.write(nextCustomer())];
    const ended = await w.write(nextCustomer());
    for (const id of kept) expect((await conversationRow(t, id)).state).toBe('open');
    expect((await conversationRow(t, ended)).state).toBe('closed');
    expect((await timeline(t, ended)).map((e) => e.type)).toEqual(expect.arrayContaining(['routing.overflow', 'state-changed']));
  });

  it('waiting longer than allowed: transfer, end or assign anyway, once per conversation', async () => {
    const clock = fakeClock(t);
    try {
      const target = await newQueue();
      const transfer = await world({ agents: [{ presence: 'offline' }], queue: { overflow: { waitingLongerThan: { seconds: 60, action: 'transfer', queueId: target } } } });
      const end = await world({ agents: [{ presence: 'offline' }], queue: { overflow: { waitingLongerThan: { seconds: 60, action: 'end' } } } });
      const anyway = await world({ agents: [{ presence: 'offline' }], queue: { overflow: { waitingLongerThan: { seconds: 60, action: 'assign-anyway' } } } });
      const ids = { transfer: await transfer.write(nextCustomer()), end: await end.write(nextCustomer()), anyway: await anyway.write(nextCustomer()) };
      clock.advance(59_000);
      await runRoutingSweep(t.ctx);
      expect((await conversationRow(t, ids.transfer)).queue_id).toBe(transfer.queueId);
      clock.advance(2_000);
      await runRoutingSweep(t.ctx);
      await runRoutingSweep(t.ctx);
      expect((await conversationRow(t, ids.transfer)).queue_id).toBe(target);
      expect((await conversationRow(t, ids.end)).state).toBe('closed');
      const kept = await conversationRow(t, ids.anyway);
      expect(kept).toMatchObject({ state: 'open', queue_id: anyway.queueId });
      expect(kept.overflowed_at).not.toBeNull();
      const overflowEvents = (await timeline(t, ids.anyway)).filter((e) => e.type === 'routing.overflow');
      expect(overflowEvents).toHaveLength(1);
      // Assign anyway: the first agent who becomes available gets it.
      await t.request('PUT', '/api/v1/me/presence', { token: anyway.agents[0].token, body: { presence: 'available' } });
      expect((await pendingOffer(t, ids.anyway))?.agent_id).toBe(anyway.agents[0].id);
    } finally {
      t.ctx.now = () => new Date();
    }
  });

  it('validates queue hours, time zones and overflow targets', async () => {
    const badZone = await t.request('POST', '/api/v1/queues', { token: admin.token, body: { name: 'Bad zone', timeZone: 'Mars/Base' } });
    expect(badZone.status).toBe(422);
    expect(badZone.body.error.field).toBe('timeZone');
    const backwards = await t.request('POST', '/api/v1/queues', { token: admin.token, body: { name: 'Backwards', weeklyHours: [{ day: 'mon', open: '18:00', close: '09:00' }] } });
    expect(backwards.status).toBe(422);
    const noTarget = await t.request('POST', '/api/v1/queues', { token: admin.token, body: { name: 'No target', overflow: { outOfHours: { action: 'transfer' } } } });
    expect(noTarget.status).toBe(422);
    expect(noTarget.body.error.field).toBe('overflow.outOfHours.queueId');
  });

  it('keeps the workstream mode fixed and validates distribution settings', async () => {
    const w = await world({ mode: 'push' });
    const change = await t.request('PATCH', `/api/v1/workstreams/${w.workstreamId}`, { token: admin.token, body: { mode: 'pick' } });
    expect(change.status).toBe(422);
    expect(change.body.error.code).toBe('MODE_IMMUTABLE');
    const timed = await t.request('PATCH', `/api/v1/workstreams/${w.workstreamId}`, { token: admin.token, body: { wrapUpBlocking: 'timed' } });
    expect(timed.status).toBe(422);
    const ok = await t.request('PATCH', `/api/v1/workstreams/${w.workstreamId}`, {
      token: admin.token,
      body: { wrapUpBlocking: 'timed', wrapUpBlockingSeconds: 300, skillMatching: 'closest', keepSameAgent: true, allowedPresences: ['available'], autoCloseWaitingSeconds: 3600 },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ mode: 'push', wrapUpBlocking: 'timed', wrapUpBlockingSeconds: 300, skillMatching: 'closest', keepSameAgent: true, allowedPresences: ['available'] });
    const badPresence = await t.request('PATCH', `/api/v1/workstreams/${w.workstreamId}`, { token: admin.token, body: { allowedPresences: ['sleeping'] } });
    expect(badPresence.status).toBe(400);
  });
});
