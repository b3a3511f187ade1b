import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from './test-app.js';
import { postSignedWebhook } from './twilio-signing.js';

export const ACCOUNT_SID = 'AC' + 'a1'.repeat(16);
export const AUTH_TOKEN = 'b2'.repeat(16);
export const BUSINESS_NUMBER = '+14155238886';

export type WhatsappSetup = {
  accountId: string;
  numberId: string;
  queueId: string;
  inboundUrl: string;
  statusCallbackUrl: string;
  admin: { id: string; token: string };
  agent: { id: string; token: string };
};

/** An account with a number, a queue with one agent, and a pick-mode workstream on that number. */
export async function setupWhatsapp(t: TestApp, opts: { provider?: 'twilio' | 'simulator'; accountSid?: string; authToken?: string } = {}): Promise<WhatsappSetup> {
  const admin = await t.userWithToken('admin');
  const agent = await t.userWithToken('agent', { name: 'Grace Agent' });
  const account = await t.request('POST', '/api/v1/messaging-accounts', {
    token: admin.token,
    body: { name: 'Acme', channel: 'whatsapp', provider: opts.provider ?? 'twilio', accountSid: opts.accountSid ?? ACCOUNT_SID, authToken: opts.authToken ?? AUTH_TOKEN },
  });
  expect(account.status).toBe(201);
  const number = await t.request('POST', `/api/v1/messaging-accounts/${account.body.id}/numbers`, { token: admin.token, body: { name: 'Support', number: BUSINESS_NUMBER } });
  expect(number.status).toBe(201);
  const queue = await t.request('POST', '/api/v1/queues', { token: admin.token, body: { name: 'Support', agentIds: [agent.id] } });
  expect(queue.status).toBe(201);
  const workstream = await t.request('POST', '/api/v1/workstreams', {
    token: admin.token,
    body: { name: 'WhatsApp', channel: 'whatsapp', mode: 'pick', fallbackQueueId: queue.body.id, capacityPerConversation: 1, whatsapp: { numberId: number.body.id } },
  });
  expect(workstream.status).toBe(201);
  return {
    accountId: account.body.id,
    numberId: number.body.id,
    queueId: queue.body.id,
    inboundUrl: account.body.inboundUrl,
    statusCallbackUrl: account.body.statusCallbackUrl,
    admin,
    agent,
  };
}

export const randomMessageSid = () => 'SM' + randomBytes(16).toString('hex');

/** A customer's WhatsApp message, signed and posted to the inbound URL as Twilio would. */
export async function customerWrites(t: TestApp, setup: WhatsappSetup, opts: { from?: string; body?: string; name?: string; extra?: Record<string, string>; authToken?: string } = {}) {
  const from = opts.from ?? '+15551234567';
  const sid = randomMessageSid();
  const params = {
    SmsMessageSid: sid, NumMedia: '0', ProfileName: opts.name ?? 'Ada Lovelace', MessageType: 'text', SmsSid: sid, WaId: from.slice(1),
    SmsStatus: 'received', Body: opts.body ?? 'Hello, my parcel is late', To: `whatsapp:${BUSINESS_NUMBER}`, NumSegments: '1',
    ReferralNumMedia: '0', MessageSid: sid, AccountSid: ACCOUNT_SID, From: `whatsapp:${from}`, ApiVersion: '2010-04-01', ...opts.extra,
  };
  const res = await postSignedWebhook(setup.inboundUrl, opts.authToken ?? AUTH_TOKEN, params);
  expect(res.status).toBe(200);
  const list = await t.request('GET', `/api/v1/conversations?state=open,active,waiting,wrap-up`, { token: setup.admin.token });
  const conversation = list.body.items.find((c: { customer: { phone: string } }) => c.customer.phone === from);
  return { sid, params, conversationId: conversation.id as string };
}
