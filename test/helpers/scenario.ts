import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from './test-app.js';
import { postSignedWebhook } from './twilio-signing.js';
import { dbKinds } from './databases.js';
import type { ChannelId } from '../../src/server/channels/registry.js';

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
  /** The workstream's channel: the one customerWrites writes on unless told otherwise. */
  channel: ChannelId;
};

type SetupOptions = { provider?: 'twilio' | 'simulator'; accountSid?: string; authToken?: string; channel?: ChannelId; numberChannels?: ChannelId[] };

/**
 * An account with a number, a queue with one agent, and a pick-mode workstream on that number,
 * on WhatsApp unless another channel is asked for (the number then carries WhatsApp and SMS).
 */
export async function setupWhatsapp(t: TestApp, opts: SetupOptions = {}): Promise<WhatsappSetup> {
  const channel = opts.channel ?? 'whatsapp';
  const numberChannels = opts.numberChannels ?? (channel === 'whatsapp' ? ['whatsapp'] : ['whatsapp', channel]);
  const admin = await t.userWithToken('admin');
  const agent = await t.userWithToken('agent', { name: 'Grace Agent' });
  const account = await t.request('POST', '/api/v1/messaging-accounts', {
    token: admin.token,
    body: { name: 'Acme', channel: 'whatsapp', provider: opts.provider ?? 'twilio', accountSid: opts.accountSid ?? ACCOUNT_SID, authToken: opts.authToken ?? AUTH_TOKEN },
  });
  expect(account.status).toBe(201);
  const number = await t.request('POST', `/api/v1/messaging-accounts/${account.body.id}/numbers`, { token: admin.token, body: { name: 'Support', number: BUSINESS_NUMBER, channels: numberChannels } });
  expect(number.status).toBe(201);
  const queue = await t.request('POST', '/api/v1/queues', { token: admin.token, body: { name: 'Support', agentIds: [agent.id] } });
  expect(queue.status).toBe(201);
  const workstream = await t.request('POST', '/api/v1/workstreams', {
    token: admin.token,
    body: { name: `Support on ${channel}`, channel, mode: 'pick', fallbackQueueId: queue.body.id, capacityPerConversation: 1, [channel]: { numberId: number.body.id } },
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
    channel,
  };
}

/** Set-up on one channel: the same world as setupWhatsapp, parametrized by channel. */
export const setupChannel = (t: TestApp, channel: ChannelId, opts: Omit<SetupOptions, 'channel'> = {}) => setupWhatsapp(t, { ...opts, channel });

/** The channels customerWrites can write on: shared behaviour is tested on each. */
export const CUSTOMER_CHANNELS = ['whatsapp', 'sms'] as const satisfies readonly ChannelId[];
/** Every database and channel pair, for describe.each over behaviour the channels share. */
export const channelWorlds = dbKinds.flatMap((kind) => CUSTOMER_CHANNELS.map((channel) => ({ kind, channel })));

export const randomMessageSid = () => 'SM' + randomBytes(16).toString('hex');

type CustomerMessage = { from?: string; body?: string; name?: string; media?: { contentType: string; url: string }[]; extra?: Record<string, string>; channel?: ChannelId };

/** The fields Twilio posts for a customer's message on the set-up's channel (or the one asked for). */
export function customerParams(setup: WhatsappSetup, opts: CustomerMessage = {}) {
  const from = opts.from ?? '+15551234567';
  const sid = randomMessageSid();
  const body = opts.body ?? 'Hello, my parcel is late';
  const channel = opts.channel ?? setup.channel ?? 'whatsapp';
  const media = opts.media ?? [];
  const mediaFields = Object.fromEntries(media.flatMap((m, i) => [[`MediaContentType${i}`, m.contentType], [`MediaUrl${i}`, m.url]]));
  const common = { SmsMessageSid: sid, NumMedia: String(media.length), SmsSid: sid, SmsStatus: 'received', Body: body, NumSegments: '1', MessageSid: sid, AccountSid: ACCOUNT_SID, ApiVersion: '2010-04-01', ...mediaFields };
  // WhatsApp names the message's type (an MMS has none); the first attachment's type decides it.
  const messageType = media.length ? media[0].contentType.split('/')[0] : 'text';
  const params: Record<string, string> =
    channel === 'sms'
      ? { ...common, To: BUSINESS_NUMBER, From: from, FromCountry: 'US', ToCountry: 'US', ...opts.extra }
      : { ...common, ProfileName: opts.name ?? 'Ada Lovelace', MessageType: messageType, WaId: from.slice(1), To: `whatsapp:${BUSINESS_NUMBER}`, ReferralNumMedia: '0', From: `whatsapp:${from}`, ...opts.extra };
  return { from, sid, channel, params };
}

/**
 * A customer's message, signed and posted to the inbound URL as Twilio would: on the set-up's
 * channel unless told otherwise, with the field set Twilio sends on that channel.
 */
export async function customerWrites(t: TestApp, setup: WhatsappSetup, opts: CustomerMessage & { authToken?: string } = {}) {
  const { from, sid, channel, params } = customerParams(setup, opts);
  const res = await postSignedWebhook(setup.inboundUrl, opts.authToken ?? AUTH_TOKEN, params);
  expect(res.status).toBe(200);
  const list = await t.request('GET', `/api/v1/conversations?state=open,active,waiting,wrap-up`, { token: setup.admin.token });
  const conversation = list.body.items.find((c: { customer: { phone: string }; channel: string }) => c.customer.phone === from && c.channel === channel);
  return { sid, params, conversationId: conversation?.id as string };
}
