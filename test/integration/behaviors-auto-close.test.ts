import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startSecondProcess } from '../helpers/second-process.js';
import { customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { closeInactiveConversations } from '../../src/server/automation/auto-close.js';
import { CATALOGUE } from '../../src/server/automation/catalogue.js';
import { behaviorsWorld } from './behaviors-world.js';

const HOUR = 3600_000;

describe.each(dbKinds)('auto-close (%s)', (kind) => {
  let t: TestApp;
  let setup: WhatsappSetup;
  let world: ReturnType<typeof behaviorsWorld>;
  let phone = 15550004000;
  const nextCustomer = () => `+${++phone}`;

  beforeAll(async () => {
    t = await startTestApp(kind);
    setup = await setupWhatsapp(t);
    world = behaviorsWorld(t, () => setup);
  });
  afterAll(() => t?.close());

  const stateOf = async (id: string) => (await t.ctx.db.selectFrom('conversations').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;
  const inState = async (state: 'open' | 'active' | 'waiting' | 'wrap-up') => {
    const { conversationId } = await customerWrites(t, setup, { from: nextCustomer() });
    if (state === 'open') return conversationId;
    await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token });
    if (state === 'waiting') await t.request('POST', `/api/v1/conversations/${conversationId}/wait`, { token: setup.agent.token });
    if (state === 'wrap-up') await t.request('POST', `/api/v1/conversations/${conversationId}/end`, { token: setup.agent.token });
    expect(await stateOf(conversationId)).toBe(state);
    return conversationId;
  };
  const sweepAt = async (offsetMs: number) => {
    const realNow = t.ctx.now;
    t.ctx.now = () => new Date(Date.now() + offsetMs);
    try {
      return await closeInactiveConversations(t.ctx);
    } finally {
      t.ctx.now = realNow;
    }
  };

  it('closes each state after its own limit, with the message and the survey, and nothing before', async () => {
    await world.setBehaviors({ autoClose: { waitingSeconds: 2 * 3600, openSeconds: 5 * 3600, activeSeconds: 8 * 3600, wrapUpSeconds: 3600 }, survey: { enabled: true } });
    const wrapUp = await inState('wrap-up');
    const waiting = await inState('waiting');
    const open = await inState('open');
    const active = await inState('active');

    expect(await sweepAt(0.5 * HOUR)).toBe(0);
    expect(await sweepAt(1.5 * HOUR)).toBe(1);
    expect(await stateOf(wrapUp)).toBe('closed');
    expect(await sweepAt(2.5 * HOUR)).toBe(1);
    expect(await stateOf(waiting)).toBe('closed');
    expect(await sweepAt(6 * HOUR)).toBe(1);
    expect(await stateOf(open)).toBe('closed');
    expect(await stateOf(active)).toBe('active');
    expect(await sweepAt(9 * HOUR)).toBe(1);
    expect(await stateOf(active)).toBe('closed');
    expect(await sweepAt(10 * HOUR)).toBe(0);

    for (const id of [wrapUp, waiting, open, active]) {
      expect(await world.automatedOf(id)).toEqual([CATALOGUE['closed-for-inactivity'].defaults.en, CATALOGUE['survey-question'].defaults.en]);
      const closes = (await world.timelineOf(id)).filter((e) => e.type === 'state-changed' && e.data.to === 'closed');
      expect(closes).toEqual([expect.objectContaining({ data: expect.objectContaining({ reason: 'inactivity' }) })]);
    }
    await world.setBehaviors({ survey: { enabled: false } });
  });

  it.runIf(kind === 'postgres')('two processes sweeping at once close each conversation exactly once', async () => {
    await world.setBehaviors({ autoClose: { openSeconds: 60 } });
    const ids = [];
    for (let i = 0; i < 12; i++) ids.push(await inState('open'));
    const second = await startSecondProcess(t);
    const later = () => new Date(Date.now() + HOUR);
    const realNow = t.ctx.now;
    t.ctx.now = later;
    second.ctx.now = later;
    try {
      const runs = await Promise.all([closeInactiveConversations(t.ctx), closeInactiveConversations(second.ctx), closeInactiveConversations(t.ctx), closeInactiveConversations(second.ctx)]);
      expect(runs.reduce((a, b) => a + b, 0)).toBe(12);
    } finally {
      t.ctx.now = realNow;
      await second.close();
    }
    for (const id of ids) {
      expect(await stateOf(id)).toBe('closed');
      expect(await world.automatedOf(id)).toEqual([CATALOGUE['closed-for-inactivity'].defaults.en]);
      expect((await world.timelineOf(id)).filter((e) => e.type === 'state-changed' && e.data.to === 'closed')).toHaveLength(1);
    }
  });
});
