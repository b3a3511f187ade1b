import { expect } from 'vitest';
import type { TestApp } from '../helpers/test-app.js';
import type { FakeTwilio } from '../helpers/fake-twilio.js';
import { customerWrites, setupWhatsapp, type WhatsappSetup } from '../helpers/scenario.js';
import { downloadPendingMedia } from '../../src/server/media/download-media.js';
import { runOutboxOnce } from '../../src/server/outbox/worker.js';
import { signedCdnUrl } from '../../src/server/simulator/cdn.js';
import { configureSimulatorNumber, createSimulatorAccount, createSimulatorContent } from '../../src/server/simulator/provision.js';
import { simDb } from '../../src/server/simulator/tables.js';

export const ROLES = ['anonymous', 'outsider', 'agent', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

// The smallest valid PNG: one transparent pixel.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000100ffff03000006000557bfabd40000000049454e44ae426082', 'hex');

/**
 * Everything the access matrix calls routes on. `agent` works queue Q (but is never the assignee
 * of the conversations used), `outsider` is an agent of another queue, `colleague` is the agent of
 * Q that holds the active conversations, `spare` an agent to consult or name. The `fresh…`
 * helpers make a new object per call, so what one role changes is never what the next role sees.
 */
export type AccessWorld = Awaited<ReturnType<typeof buildAccessWorld>>;

export async function buildAccessWorld(t: TestApp, fake: FakeTwilio) {
  const setup: WhatsappSetup = await setupWhatsapp(t);
  const admin = setup.admin.token;
  const ok = async (method: string, path: string, body?: unknown, token = admin) => {
    const res = await t.request(method, path, { token, body });
    expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body;
  };
  const supervisor = await t.userWithToken('supervisor');
  const outsider = await t.userWithToken('agent', { name: 'Outsider' });
  const colleague = await t.userWithToken('agent', { name: 'Colleague' });
  const spare = await t.userWithToken('agent', { name: 'Spare' });
  await ok('PATCH', `/api/v1/queues/${setup.queueId}`, { agentIds: [setup.agent.id, colleague.id] });
  // The colleague holds every active conversation of the matrix.
  await ok('PATCH', `/api/v1/users/${colleague.id}`, { capacity: 10000 });
  const otherQueue = await ok('POST', '/api/v1/queues', { name: 'Elsewhere', agentIds: [outsider.id, spare.id] });
  const workstreamId = (await ok('GET', '/api/v1/workstreams')).items[0].id as string;

  let phones = 0;
  let names = 0;
  const unique = (prefix: string) => `${prefix} ${++names}`;
  /** A new customer's open conversation in queue Q. */
  const freshConversation = async () => customerWrites(t, setup, { from: `+1555010${String(++phones).padStart(4, '0')}`, body: 'Where is my parcel?' });
  /** A new conversation the colleague picked: Active, assigned to neither the agent nor the tested roles. */
  const freshActive = async () => {
    const c = await freshConversation();
    await ok('POST', `/api/v1/conversations/${c.conversationId}/pick`, undefined, colleague.token);
    return c;
  };
  const freshWaiting = async () => {
    const c = await freshActive();
    await ok('POST', `/api/v1/conversations/${c.conversationId}/wait`, undefined, colleague.token);
    return c;
  };
  /** An active conversation with a reply Twilio refused (failed), ready to be retried. */
  const freshFailedMessage = async () => {
    const c = await freshActive();
    // Send what other routes queued first, so Twilio's refusal lands on this reply.
    while ((await runOutboxOnce(t.ctx)) > 0);
    const sent = await ok('POST', `/api/v1/conversations/${c.conversationId}/messages`, { body: 'This will fail' }, colleague.token);
    fake.script.push({ kind: 'error', status: 400, code: 21211, message: "The 'To' number is not a valid phone number." });
    await runOutboxOnce(t.ctx);
    return { conversationId: c.conversationId, messageId: sent.id as string };
  };
  const freshConsulted = async () => {
    const c = await freshActive();
    await ok('POST', `/api/v1/conversations/${c.conversationId}/consult`, { agentId: spare.id }, colleague.token);
    return c;
  };
  const freshParticipant = async () => {
    const c = await freshConsulted();
    await ok('POST', `/api/v1/conversations/${c.conversationId}/participants/${spare.id}`, undefined, colleague.token);
    return c;
  };

  // What read-only routes look at: one conversation in Q, with a stored image from the customer.
  const mediaSid = 'MM' + 'c3'.repeat(16);
  const seen = await customerWrites(t, setup, {
    from: '+15550109999',
    extra: { MessageSid: mediaSid, SmsMessageSid: mediaSid, SmsSid: mediaSid, NumMedia: '1', MessageType: 'image', MediaContentType0: 'image/png', MediaUrl0: fake.addMedia(mediaSid, 'image/png', PNG) },
  });
  await downloadPendingMedia(t.ctx);
  const messages = (await ok('GET', `/api/v1/conversations/${seen.conversationId}/messages`)).items as { media: { id: string }[] }[];
  const contactId = (await ok('GET', `/api/v1/conversations/${seen.conversationId}`)).customer.id as string;

  const template = await ok('POST', '/api/v1/templates', { name: 'order_update', defaultLanguage: 'en', text: 'Your order {{1}} is on its way.' });
  const rule = await ok('POST', `/api/v1/workstreams/${workstreamId}/routing-rules`, { name: 'Everyone', conditions: [], queueId: setup.queueId });
  const ruleset = await ok('POST', `/api/v1/workstreams/${workstreamId}/classification-rulesets`, { name: 'Default', rules: [{ name: 'All', conditions: [], outputs: { priority: 1 } }] });
  const shared = (shortcut: string) => ok('POST', '/api/v1/canned-responses', { shortcut, title: 'Hello', body: 'Hello {CustomerName}', scope: 'shared' });
  const cannedId = (await shared('hello')).id as string;
  const label = (name: string) => ok('POST', '/api/v1/labels', { name, color: '#1f6feb' });
  const labelId = (await label('Billing')).id as string;
  // Objects only the admin (last) succeeds in deleting, one per delete route.
  const disposable = {
    accountId: (await ok('POST', '/api/v1/messaging-accounts', { name: 'Old account', channel: 'whatsapp', provider: 'twilio', accountSid: 'AC' + 'd4'.repeat(16), authToken: 'old token 123' })).id as string,
    templateId: (await ok('POST', '/api/v1/templates', { name: 'old_template', defaultLanguage: 'en', text: 'Old' })).id as string,
    ruleId: (await ok('POST', `/api/v1/workstreams/${workstreamId}/routing-rules`, { name: 'Old rule', conditions: [], queueId: setup.queueId })).id as string,
    rulesetId: (await ok('POST', `/api/v1/workstreams/${workstreamId}/classification-rulesets`, { name: 'Old', rules: [] })).id as string,
    numberId: '',
    queueId: (await ok('POST', '/api/v1/queues', { name: 'Old queue' })).id as string,
    workstreamId: (await ok('POST', '/api/v1/workstreams', { name: 'Old stream', channel: 'whatsapp', mode: 'pick', fallbackQueueId: setup.queueId })).id as string,
    profileId: (await ok('POST', '/api/v1/capacity-profiles', { name: 'Old profile', defaultMaxItems: 1 })).id as string,
    userId: (await t.userWithToken('agent', { name: 'Leaver' })).id,
  };
  const profileId = (await ok('POST', '/api/v1/capacity-profiles', { name: 'Chats', defaultMaxItems: 2 })).id as string;
  disposable.numberId = (await ok('POST', `/api/v1/messaging-accounts/${setup.accountId}/numbers`, { name: 'Old line', number: '+14155550199' })).id as string;
  const simulator = await buildSimulatorWorld(t, ok);

  return {
    setup,
    tokens: { anonymous: null, outsider: outsider.token, agent: setup.agent.token, supervisor: supervisor.token, admin } as Record<Role, string | null>,
    users: { admin: setup.admin.id, spare: spare.id },
    queueId: setup.queueId,
    otherQueueId: otherQueue.id as string,
    accountId: setup.accountId,
    numberId: setup.numberId,
    workstreamId,
    templateId: template.id as string,
    ruleId: rule.id as string,
    rulesetId: ruleset.id as string,
    cannedId,
    profileId,
    labelId,
    conversationId: seen.conversationId,
    contactId,
    mediaId: messages[0].media[0].id,
    disposable,
    unique,
    nextNumber: () => `+1415555${String(1000 + ++phones)}`,
    freshConversation,
    freshActive,
    freshWaiting,
    freshFailedMessage,
    freshConsulted,
    freshParticipant,
    freshContact: async () => (await ok('GET', `/api/v1/conversations/${(await freshConversation()).conversationId}`)).customer.id as string,
    erasedContact: async () => {
      const id = (await ok('GET', `/api/v1/conversations/${(await freshConversation()).conversationId}`)).customer.id as string;
      await ok('POST', `/api/v1/contacts/${id}/erase`);
      return id;
    },
    freshShared: async () => (await shared(`hi-${++names}`)).id as string,
    freshLabel: async () => (await label(`Label ${++names}`)).id as string,
    simulator,
  };
}

/**
 * The simulator's side: a simulated Twilio account with a number (no webhook: nothing is called),
 * a customer's image on it, a business message already delivered (so it may be read again and
 * again) and a Content template.
 */
async function buildSimulatorWorld(t: TestApp, ok: (method: string, path: string, body?: unknown) => Promise<any>) {
  const number = '+14155550160';
  const customer = '+15550160001';
  const account = await createSimulatorAccount(t.ctx.db, { friendlyName: 'Matrix' });
  await configureSimulatorNumber(t.ctx.db, { accountSid: account.accountSid, phoneNumber: number, smsUrl: null });
  const image = await ok('POST', '/simulator/api/phone/messages', { from: customer, to: number, image: { contentType: 'image/png', dataBase64: PNG.toString('base64') } });
  const db = simDb(t.ctx.db);
  const media = await db.selectFrom('sim_media').select('sid').where('message_sid', '=', image.sid).executeTakeFirstOrThrow();
  const sid = 'SM' + 'a7'.repeat(16);
  await db
    .insertInto('sim_messages')
    .values({ sid, account_sid: account.accountSid, direction: 'outbound-api', from_address: `whatsapp:${number}`, to_address: `whatsapp:${customer}`, business_number: number, customer, body: 'Delivered', num_media: 0, status: 'delivered', date_created: new Date(), date_sent: new Date(), date_updated: new Date() })
    .execute();
  const content = await createSimulatorContent(t.ctx.db, { accountSid: account.accountSid, friendlyName: 'matrix', language: 'en', body: 'Hello {{1}}' });
  const disposable = await createSimulatorContent(t.ctx.db, { accountSid: account.accountSid, friendlyName: 'old', language: 'en', body: 'Old' });
  const { cdn_key: cdnKey } = await db.selectFrom('sim_settings').select('cdn_key').where('id', '=', 1).executeTakeFirstOrThrow();
  const twilio = `/simulator/twilio/2010-04-01/Accounts/${account.accountSid}`;
  return {
    ...account,
    number,
    customer,
    twilio,
    /** Twilio's own credentials: Basic auth with the simulated account's SID and token. */
    basic: { authorization: 'Basic ' + Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64') },
    imageSid: image.sid as string,
    mediaSid: media.sid,
    deliveredSid: sid,
    contentSid: content.sid,
    disposableContentSid: disposable.sid,
    signedMediaPath: () => {
      const signed = new URL(signedCdnUrl(t.url, cdnKey, media.sid, t.ctx.now(), 300));
      return signed.pathname + signed.search;
    },
  };
}
