import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startFakeTwilio, type FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { postSignedWebhook } from '../helpers/twilio-signing.js';
import { sample, scrapeMetrics } from '../helpers/metrics.js';
import { runOutboxOnce } from '../../src/server/outbox/worker.js';

describe.each(dbKinds)('Prometheus metrics move with traffic (%s)', (kind) => {
  let t: TestApp;
  let fake: FakeTwilio;
  let setup: WhatsappSetup;
  const scrape = () => scrapeMetrics(t.url);

  beforeAll(async () => {
    fake = await startFakeTwilio(ACCOUNT_SID, AUTH_TOKEN);
    t = await startTestApp(kind, { config: { twilioApiBaseUrl: fake.baseUrl } });
    setup = await setupWhatsapp(t);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('counts webhooks stored and rejected, the outbox depth, and messages sent and failed', async () => {
    const before = await scrape();
    const { conversationId, params } = await customerWrites(t, setup, { from: '+15550004001' });
    await postSignedWebhook(setup.inboundUrl, AUTH_TOKEN, params); // redelivery
    await postSignedWebhook(setup.inboundUrl, 'wrong', params);
    await t.request('POST', `/api/v1/conversations/${conversationId}/pick`, { token: setup.agent.token });
    await t.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: setup.agent.token, body: { body: 'one' } });
    fake.script.push({ kind: 'error', status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
    await t.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: setup.agent.token, body: { body: 'two' } });
    const queued = await scrape();
    expect(sample(queued, 'switchboard_outbox_depth')).toBe(2);
    await runOutboxOnce(t.ctx);
    const after = await scrape();
    const delta = (name: string, labels = '') => sample(after, name, labels) - sample(before, name, labels);
    expect(delta('switchboard_webhooks_total', 'kind="inbound",outcome="stored"')).toBe(1);
    expect(delta('switchboard_webhooks_total', 'kind="inbound",outcome="duplicate"')).toBe(1);
    expect(delta('switchboard_webhooks_total', 'kind="inbound",outcome="rejected"')).toBe(1);
    expect(delta('switchboard_messages_sent_total')).toBe(1);
    expect(delta('switchboard_messages_failed_total', 'code="21610"')).toBe(1);
    expect(sample(after, 'switchboard_outbox_depth')).toBe(0);
  });
});
