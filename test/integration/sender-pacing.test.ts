import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { dbKinds } from '../helpers/databases.js';
import { eventually } from '../helpers/eventually.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startSecondProcess } from '../helpers/second-process.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, BUSINESS_NUMBER, customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { runOutboxOnce } from '../../src/server/outbox/worker.js';
import { beatAndSweep } from '../../src/server/outbox/heartbeat.js';
import { senderPacingOf } from '../../src/server/outbox/sender-pacing.js';
import { createTwilioClient } from '../../src/server/channels/twilio/twilio-client.js';
import type { AppContext } from '../../src/server/context.js';

const onPostgres = dbKinds.includes('postgres') ? describe : describe.skip;
const CAP = 10;
const MESSAGES = 50;
const SECOND_NUMBER = '+14155238887';

/** The outbox workers of two processes share the senders (each held by one process at a time) and keep each sender's cap. */
onPostgres('per-sender pacing across two processes', () => {
  let a: TestApp;
  let b: Awaited<ReturnType<typeof startSecondProcess>>;
  let fake: FakeTwilio;
  let setup: WhatsappSetup;
  const sends: Array<{ process: 'a' | 'b'; from: string; at: number }> = [];

  /** Twilio as both processes reach it, noting when each send leaves (one clock: both run here). */
  function timedTwilio(ctx: AppContext, process: 'a' | 'b') {
    ctx.twilio = createTwilioClient((input, init) => {
      if (init?.method === 'POST' && String(input).endsWith('/Messages.json')) sends.push({ process, from: new URLSearchParams(String(init.body)).get('From')!, at: performance.now() });
      return fetch(input, init);
    });
  }

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    a = await startTestApp('postgres', { config: { twilioApiBaseUrl: fake.baseUrl } });
    b = await startSecondProcess(a);
    timedTwilio(a.ctx, 'a');
    timedTwilio(b.ctx, 'b');
    setup = await setupWhatsapp(a);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await fake?.close();
  });

  /** A second WhatsApp number on the same account, routed to the same queue. */
  async function secondSender(): Promise<string> {
    const number = await a.request('POST', `/api/v1/messaging-accounts/${setup.accountId}/numbers`, { token: setup.admin.token, body: { name: 'Sales', number: SECOND_NUMBER } });
    expect(number.status).toBe(201);
    const workstream = await a.request('POST', '/api/v1/workstreams', {
      token: setup.admin.token,
      body: { name: 'Sales', channel: 'whatsapp', mode: 'pick', fallbackQueueId: setup.queueId, capacityPerConversation: 1, whatsapp: { numberId: number.body.id } },
    });
    expect(workstream.status).toBe(201);
    return number.body.id;
  }

  async function queueReplies(from: string, to: string, prefix: string) {
    const { conversationId } = await customerWrites(a, setup, { from, extra: { To: `whatsapp:${to}` } });
    expect((await a.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token })).status).toBe(200);
    for (let i = 0; i < MESSAGES; i++) {
      const sent = await a.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: setup.agent.token, body: { body: `${prefix} ${i}` } });
      expect(sent.status).toBe(201);
    }
  }

  it('never sends more than a sender\'s cap in any second, and both processes send', async () => {
    await secondSender();
    await sql`UPDATE numbers SET max_per_second = ${CAP}`.execute(a.ctx.db);
    await queueReplies('+15550004001', BUSINESS_NUMBER, 'first');
    await queueReplies('+15550004002', SECOND_NUMBER, 'second');
    // Both workers are seen alive now (as their heartbeats would), however long queueing the replies took.
    for (const ctx of [a.ctx, b.ctx]) await beatAndSweep(ctx.db, senderPacingOf(ctx).owner, ctx.now());
    const drain = async (ctx: AppContext) => {
      while ((await runOutboxOnce(ctx)) > 0);
    };
    const started = performance.now();
    // A takes its share (half) of the free senders in its first pass; B, started once A holds one, takes the other.
    const drainingA = drain(a.ctx);
    await eventually(async () => (await sql`SELECT 1 FROM sender_leases`.execute(a.ctx.db)).rows.length > 0, 'A to lease a sender');
    await Promise.all([drainingA, drain(b.ctx)]);
    const seconds = (performance.now() - started) / 1000;

    for (const prefix of ['first', 'second']) {
      const bodies = fake.messages.map((m) => m.body).filter((body) => body.startsWith(`${prefix} `));
      expect(bodies.sort()).toEqual(Array.from({ length: MESSAGES }, (_, i) => `${prefix} ${i}`).sort());
      // CAP + 1 sends of a sender never fall within one second (a little jitter allowed).
      const times = sends.filter((s) => s.from === `whatsapp:${prefix === 'first' ? BUSINESS_NUMBER : SECOND_NUMBER}`).map((s) => s.at).sort((x, y) => x - y);
      expect(times).toHaveLength(MESSAGES);
      for (let i = 0; i + CAP < times.length; i++) expect(times[i + CAP] - times[i]).toBeGreaterThan(900);
    }
    expect(seconds).toBeGreaterThan((MESSAGES - CAP) / CAP);
    expect(new Set(sends.map((s) => s.process))).toEqual(new Set(['a', 'b']));
  }, 60_000);
});
