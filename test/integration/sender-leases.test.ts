import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { runOutboxOnce } from '../../src/server/outbox/worker.js';
import { claimDueEntries, releaseClaims } from '../../src/server/outbox/claim.js';
import { HANDOVER_MS, senderPacingOf } from '../../src/server/outbox/sender-pacing.js';
import { eventually } from '../helpers/eventually.js';

/**
 * One process at a time sends for a sender; the others leave its messages alone until its lease runs out.
 * Leases run on the app's clock, which these tests move on instead of waiting.
 */
describe.each(dbKinds)('sender leases (%s)', (kind) => {
  let t: TestApp;
  let fake: FakeTwilio;
  let setup: WhatsappSetup;
  let conversationId: string;
  const anotherProcess = randomUUID();
  let ahead = 0;
  /** Moves the app's clock on by `ms`. */
  const later = (ms: number) => {
    ahead += ms;
  };

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    t = await startTestApp(kind, { config: { twilioApiBaseUrl: fake.baseUrl } });
    t.ctx.now = () => new Date(Date.now() + ahead);
    setup = await setupWhatsapp(t);
    ({ conversationId } = await customerWrites(t, setup, { from: '+15550007001' }));
    expect((await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token })).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  const reply = async (body: string) => (await t.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: setup.agent.token, body: { body } })).body.id as string;
  const leaseToAnother = (ms: number) =>
    sql`INSERT INTO sender_leases (number_id, owner, leased_until) VALUES (${setup.numberId}, ${anotherProcess}, ${new Date(t.ctx.now().getTime() + ms)})
        ON CONFLICT (number_id) DO UPDATE SET owner = excluded.owner, leased_until = excluded.leased_until`.execute(t.ctx.db);
  const holder = async () => (await sql<{ owner: string }>`SELECT owner FROM sender_leases WHERE number_id = ${setup.numberId}`.execute(t.ctx.db)).rows[0]?.owner;
  const sentBodies = () => fake.messages.map((m) => m.body);

  it('leaves a sender held by another process alone, then takes it over once the lease has run out', async () => {
    await leaseToAnother(800);
    await reply('Held elsewhere');
    expect(await runOutboxOnce(t.ctx)).toBe(0);
    expect(sentBodies()).not.toContain('Held elsewhere');
    const entry = await t.ctx.db.selectFrom('outbox as o').innerJoin('messages as m', 'm.id', 'o.message_id').select(['o.state', 'o.attempts']).where('m.body', '=', 'Held elsewhere').executeTakeFirstOrThrow();
    expect(entry).toEqual({ state: 'pending', attempts: 0 });

    later(900);
    expect(await runOutboxOnce(t.ctx)).toBe(1);
    expect(sentBodies().filter((b) => b === 'Held elsewhere')).toHaveLength(1);
    expect(await holder()).toBe(senderPacingOf(t.ctx).owner);
  });

  it('gives its claims back when another process leased the sender between its claim and its lease', async () => {
    const pacing = senderPacingOf(t.ctx);
    later(2 * HANDOVER_MS); // our lease from the test before runs out
    const messageId = await reply('Lost the race');
    const claimed = await claimDueEntries(t.ctx.db, t.ctx.now(), 10, pacing.owner);
    expect(claimed.map((e) => e.message_id)).toEqual([messageId]);
    await leaseToAnother(60_000);

    const { turns, elsewhere } = await pacing.enqueue(t.ctx.db, [{ messageId, numberId: setup.numberId, perSecond: 80, recipient: '+15550000077' }]);
    expect(elsewhere).toEqual([messageId]);
    expect(turns.size).toBe(0);
    await releaseClaims(t.ctx.db, elsewhere, pacing.owner);
    const entry = await t.ctx.db.selectFrom('outbox').select(['state', 'attempts', 'locked_until']).where('message_id', '=', messageId).executeTakeFirstOrThrow();
    expect(entry).toEqual({ state: 'pending', attempts: 0, locked_until: null });
    expect(await holder()).toBe(anotherProcess);
    expect(await runOutboxOnce(t.ctx)).toBe(0);
  });

  it("gives back the claims of sends still queued when a slow Twilio let the lease run out and another process took it", async () => {
    await sql`DELETE FROM sender_leases WHERE number_id = ${setup.numberId}`.execute(t.ctx.db); // the test before leased it away
    await runOutboxOnce(t.ctx); // and left its message queued
    const first = await reply('Answered slowly');
    const second = await reply('Queued behind it');
    let answer = () => {};
    fake.sendsHeldUntil = new Promise<void>((resolve) => (answer = resolve)); // the second waits for the first's answer
    const pass = runOutboxOnce(t.ctx);
    try {
      await eventually(async () => fake.requests.some((r) => r.form.get('Body') === 'Answered slowly'), 'the first send at Twilio');
      later(2 * HANDOVER_MS); // Twilio answers past the lease's end
      await leaseToAnother(60_000);
      answer();
      expect(await pass).toBe(2);
    } finally {
      fake.sendsHeldUntil = null;
      answer();
    }
    expect(fake.requests.filter((r) => r.form.get('Body') === 'Queued behind it')).toHaveLength(0);
    const outbox = async (messageId: string) => t.ctx.db.selectFrom('outbox').select(['state', 'attempts', 'locked_until']).where('message_id', '=', messageId).executeTakeFirstOrThrow();
    expect((await outbox(first)).state).toBe('done');
    // Given back at once (not left to expire): due again for the process that holds the sender now.
    expect(await outbox(second)).toEqual({ state: 'pending', attempts: 0, locked_until: null });
    await sql`DELETE FROM sender_leases WHERE number_id = ${setup.numberId}`.execute(t.ctx.db);
    expect(await runOutboxOnce(t.ctx)).toBe(1);
    expect(fake.requests.filter((r) => r.form.get('Body') === 'Queued behind it')).toHaveLength(1);
  });

  it('forgets workers gone for an hour, and keeps those seen lately', async () => {
    const gone = randomUUID();
    const recent = randomUUID();
    const minutesAgo = (minutes: number) => new Date(t.ctx.now().getTime() - minutes * 60_000);
    await sql`INSERT INTO outbox_workers (owner, seen_at) VALUES (${gone}, ${minutesAgo(61)}), (${recent}, ${minutesAgo(59)})`.execute(t.ctx.db);
    await claimDueEntries(t.ctx.db, t.ctx.now(), 10, senderPacingOf(t.ctx).owner);
    const owners = (await sql<{ owner: string }>`SELECT owner FROM outbox_workers`.execute(t.ctx.db)).rows.map((r) => r.owner);
    expect(owners).toContain(recent);
    expect(owners).toContain(senderPacingOf(t.ctx).owner);
    expect(owners).not.toContain(gone);
  });
});
