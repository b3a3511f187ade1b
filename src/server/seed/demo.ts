import type { AppContext } from '../context.js';
import { randomToken } from '../crypto/tokens.js';
import { countUsers } from '../users/store.js';
import { createUser } from '../users/create-user.js';
import { createAccount } from '../messaging-accounts/manage-accounts.js';
import { addNumber } from '../messaging-accounts/manage-numbers.js';
import { createQueue } from '../queues/manage-queues.js';
import { createWorkstream } from '../workstreams/manage-workstreams.js';
import { createTemplate } from '../templates/manage-templates.js';
import { seedDemoQuickReplies } from './demo-quick-replies.js';
import { configureSimulatorNumber, createSimulatorAccount, createSimulatorContent } from '../simulator/provision.js';

export const DEMO_NUMBER = '+14155238886';

export type DemoSeed = { created: boolean; users: { role: string; email: string; password: string }[] };

/**
 * On a fresh database: a simulator messaging account with a number wired to its inbound URL,
 * a queue, a workstream, a template, an admin and an agent. Does nothing once any user exists.
 */
export async function seedDemo(ctx: AppContext): Promise<DemoSeed> {
  if ((await countUsers(ctx.db)) > 0) return { created: false, users: [] };
  const adminPassword = randomToken(9);
  const agentPassword = randomToken(9);
  const admin = await createUser(ctx.db, { email: 'admin@switchboard.local', name: 'Alex Admin', password: adminPassword, role: 'admin' });
  const agent = await createUser(ctx.db, { email: 'agent@switchboard.local', name: 'Sam Agent', password: agentPassword, role: 'agent', capacity: 100 });

  const twilio = await createSimulatorAccount(ctx.db, { friendlyName: 'Demo business' });
  const account = await createAccount(ctx, { name: 'Demo Twilio account (simulator)', provider: 'simulator', ...twilio });
  const number = await addNumber(ctx, account.id, { name: 'Demo support line', number: DEMO_NUMBER, channels: ['whatsapp', 'sms'] });
  await configureSimulatorNumber(ctx.db, { accountSid: twilio.accountSid, phoneNumber: DEMO_NUMBER, smsUrl: account.inboundUrl, sandbox: false });

  const queue = await createQueue(ctx, { name: 'Customer support', priority: 10, assignmentMethod: 'highest-capacity', agentIds: [agent.id] });
  await createWorkstream(ctx, {
    name: 'WhatsApp support',
    channel: 'whatsapp',
    mode: 'pick',
    fallbackQueueId: queue.id,
    capacityPerConversation: 10,
    whatsapp: { numberId: number.id, language: 'en', customerAttachments: true, agentAttachments: true },
  });
  // The same line takes text messages too, into the same queue.
  await createWorkstream(ctx, {
    name: 'SMS support',
    channel: 'sms',
    mode: 'pick',
    fallbackQueueId: queue.id,
    capacityPerConversation: 10,
    sms: { numberId: number.id, language: 'en', customerAttachments: true, agentAttachments: true },
  });
  // The template's localizations are Content templates in the simulated Twilio account, as an
  // admin would have them approved in Twilio before pasting their Content SIDs.
  const english = 'Hello {{1}}, here is an update on your order {{2}}. Reply to continue the conversation.';
  const korean = '{{1}}님, 주문 {{2}}에 대한 안내입니다. 답장하시면 대화를 이어갈 수 있습니다.';
  const variables = { '1': 'Ada', '2': 'ZX-42' };
  const en = await createSimulatorContent(ctx.db, { accountSid: twilio.accountSid, friendlyName: 'order_update', language: 'en', body: english, variables });
  const ko = await createSimulatorContent(ctx.db, { accountSid: twilio.accountSid, friendlyName: 'order_update', language: 'ko', body: korean, variables });
  await createTemplate(ctx, {
    name: 'order_update',
    defaultLanguage: 'en',
    text: english,
    localizations: [
      { language: 'en', text: english, contentSid: en.sid },
      { language: 'ko', text: korean, contentSid: ko.sid },
    ],
  });
  await seedDemoQuickReplies(ctx, admin);
  return {
    created: true,
    users: [
      { role: 'admin', email: 'admin@switchboard.local', password: adminPassword },
      { role: 'agent', email: 'agent@switchboard.local', password: agentPassword },
    ],
  };
}
