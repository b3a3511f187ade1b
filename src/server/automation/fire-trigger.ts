import type { Tx } from '../db/database.js';
import { queueAutomatedMessage } from '../conversations/send-automated.js';
import { addConversationEvent } from '../conversations/store.js';
import { isWindowOpen, windowName } from '../conversations/window.js';
import { CATALOGUE, type Trigger } from './catalogue.js';
import { fillPlaceholders, isTriggerEnabled, textFor } from './render.js';
import type { AutomatedMessagesSettings } from './schema.js';

export type PlaceholderValues = Record<string, string | number | null | undefined>;

/**
 * Speaks for the business on a trigger, inside the caller's transaction: when the workstream has
 * it on, in the customer's language (contact, else workstream), through the outbox as an automated
 * message. Once-per-conversation triggers claim their row first, so a second message (or a second
 * process) never repeats them. Outside the 24-hour window nothing free-form is sent: the agent is
 * told on the timeline instead. Answers the queued message's id, or null when nothing was sent.
 */
export async function fireTrigger(tx: Tx, input: { conversationId: string; trigger: Trigger; now: Date; values?: PlaceholderValues }): Promise<string | null> {
  const { conversationId, trigger, now } = input;
  const c = await tx
    .selectFrom('conversations as c')
    .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
    .leftJoin('workstreams as w', 'w.id', 'c.workstream_id')
    .leftJoin('queues as q', 'q.id', 'c.queue_id')
    .leftJoin('users as u', 'u.id', 'c.assigned_agent_id')
    .leftJoin('workstream_behaviors as b', 'b.workstream_id', 'c.workstream_id')
    .select(['c.number_id', 'c.channel', 'c.last_inbound_at', 'ct.language as contactLanguage', 'w.language as workstreamLanguage', 'q.name as queueName', 'u.name as agentName', 'b.automated_messages'])
    .where('c.id', '=', conversationId)
    .executeTakeFirst();
  if (!c) return null;
  const settings = (c.automated_messages ?? {}) as AutomatedMessagesSettings;
  if (!isTriggerEnabled(trigger, settings)) return null;
  const definition = CATALOGUE[trigger];
  if (definition.oncePerConversation && !(await claimOnce(tx, conversationId, trigger, now))) return null;

  const { language, text } = textFor(trigger, settings, c.contactLanguage ?? c.workstreamLanguage);
  const body = fillPlaceholders(text, { AgentName: c.agentName, QueueName: c.queueName, ...input.values });
  if (definition.audience === 'agent') {
    await addConversationEvent(tx, conversationId, 'automation.notice', { trigger, text: body, language });
    return null;
  }
  if (!isWindowOpen(c.channel, c.last_inbound_at, now)) {
    await addConversationEvent(tx, conversationId, 'automation.not-sent', { trigger, reason: `The ${windowName(c.channel)} is closed; only an approved template may be sent.` });
    await fireTrigger(tx, { conversationId, trigger: 'window-closed', now });
    return null;
  }
  return queueAutomatedMessage(tx, { conversationId, numberId: c.number_id, body, trigger, now });
}

/** True the first time a trigger claims this conversation; false ever after. */
async function claimOnce(tx: Tx, conversationId: string, trigger: Trigger, now: Date): Promise<boolean> {
  const claimed = await tx
    .insertInto('conversation_automations')
    .values({ conversation_id: conversationId, trigger, fired_at: now })
    .onConflict((oc) => oc.columns(['conversation_id', 'trigger']).doNothing())
    .returning('trigger')
    .executeTakeFirst();
  return claimed !== undefined;
}
