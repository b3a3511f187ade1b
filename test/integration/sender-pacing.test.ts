import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startSecondProcess } from '../helpers/second-process.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { runOutboxOnce } from '../../src/server/outbox/worker.js';
import { createRateLimiter } from '../../src/server/outbox/rate-limiter.js';
import { createTwilioClient } from '../../src/server/channels/whatsapp/twilio-client.js';
import type { AppContext } from '../../src/server/context.js';

const onPostgres = dbKinds.includes('postgres') ? describe : describe.skip;
const CAP = 10;
const MESSAGES = 50;

/** The outbox workers of two processes share one sender's per-second cap, booked in PostgreSQL. */
onPostgres('per-sender pacing across two processes', () => {
  let a: TestApp;
  let b: Awaited<ReturnType<typeof startSecondProcess>>;
  let fake: FakeTwilio;
  let setup: WhatsappSetup;
  const sendTimes: number[] = [];

  /** Twilio as both processes reach it, noting when each send leaves (one clock: both run here). */
  function timedTwilio(ctx: AppContext) {
    ctx.twilio = createTwilioClient((input, init) => {
      if (init?.method === 'POST' && String(input).endsWith('/Messages.json')) sendTimes.push(performance.now());
      return fetch(input, init);
    });
  }

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    a = await startTestApp('postgres', { config: { twilioApiBaseUrl: fake.baseUrl } });
    b = await startSecondProcess(a);
    timedTwilio(a.ctx);
    timedTwilio(b.ctx);
    setup = await setupWhatsapp(a);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await fake?.close();
  });

  it('never sends more than the cap in any second, though each process paces its own sends', async () => {
    await sql`UPDATE whatsapp_numbers SET max_per_second = ${CAP} WHERE id = ${setup.numberId}`.execute(a.ctx.db);
    const { conversationId } = await customerWrites(a, setup, { from: '+15550004001' });
    expect((await a.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token })).status).toBe(200);
    for (let i = 0; i < MESSAGES; i++) {
      const sent = await a.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: setup.agent.token, body: { body: `paced ${i}` } });
      expect(sent.status).toBe(201);
    }
    const drain = async (ctx: AppContext) => {
      const limiter = createRateLimiter();
      while ((await runOutboxOnce(ctx, limiter)) > 0);
    };
    const started = performance.now();
    await Promise.all([drain(a.ctx), drain(b.ctx), drain(a.ctx), drain(b.ctx)]);
    const seconds = (performance.now() - started) / 1000;

    const bodies = fake.messages.map((m) => m.body).filter((body) => body.startsWith('paced '));
    expect(bodies.sort()).toEqual(Array.from({ length: MESSAGES }, (_, i) => `paced ${i}`).sort());
    // CAP + 1 sends never fall within one second (a little jitter allowed): per-process pacing
    // alone would let four workers send about four times as fast.
    const times = [...sendTimes].sort((x, y) => x - y);
    for (let i = 0; i + CAP < times.length; i++) expect(times[i + CAP] - times[i]).toBeGreaterThan(900);
    expect(seconds).toBeGreaterThan((MESSAGES - CAP) / CAP);
  }, 60_000);
});
