import { sql } from 'kysely';
import type { Tx } from '../db/database.js';
import { mayAssignNow } from '../routing/overflow.js';
import { toQueueRow, type QueueRecord, type QueueRow } from '../routing/store.js';
import { readOnce } from '../db/read-once.js';
import { fireTrigger } from './fire-trigger.js';
import { twilioErrorMeaning } from '../channels/twilio/error-sentences.js';
import { recordOptOut } from '../contacts/opt-outs.js';
import { addConversationEvent } from '../conversations/store.js';
import { formatOpening, isTriggerEnabled } from './render.js';
import type { AutomatedMessagesSettings } from './schema.js';
import type { Trigger } from './catalogue.js';

/**
 * The automated messages of each moment in a conversation's life, called in one line from the code
 * that makes the moment happen (inbound, routing, state changes), inside its transaction.
 */

/** Message kinds Switchboard shows to agents; anything else gets "unsupported message type". */
const READABLE_KINDS = new Set(['text', 'media', 'image', 'video', 'audio', 'document', 'file', 'location', 'button', 'interactive', 'reaction']);

export function isReadableKind(kind: string): boolean {
  return READABLE_KINDS.has(kind.toLowerCase());
}

/**
 * A customer's message was stored: greeting, what we could not read, and, while they wait in a
 * queue (not with an agent or a bot), where they stand. Whether anything is said is decided first
 * from the workstream's settings and the queue's hours, read in one statement once per
 * transaction: a trigger that is off costs no read of the conversation.
 */
export async function automateInbound(
  tx: Tx,
  input: { conversationId: string; workstreamId: string | null; queueId: string | null; created: boolean; kind: string; attachmentsBlocked: boolean; waitingInQueue: boolean; now: Date },
): Promise<void> {
  const { conversationId, now } = input;
  const readable = isReadableKind(input.kind);
  // Most replies reach a conversation an agent has: nothing here can speak.
  if (!input.created && !input.waitingInQueue && readable && !input.attachmentsBlocked) return;
  const { settings, queue } = await settingsAndQueue(tx, input.workstreamId, input.waitingInQueue ? input.queueId : null);
  const on = (trigger: Trigger) => isTriggerEnabled(trigger, settings);
  if (input.created && on('greeting')) await fireTrigger(tx, { conversationId, trigger: 'greeting', now });
  if (!readable && on('unsupported-message-type')) await fireTrigger(tx, { conversationId, trigger: 'unsupported-message-type', now });
  if (input.attachmentsBlocked && on('attachment-not-allowed')) await fireTrigger(tx, { conversationId, trigger: 'attachment-not-allowed', now });
  if (queue && on(queueStatus(queue, now).trigger)) await announceQueueStatus(tx, conversationId, now);
}

/** A workstream's automated-message settings and a queue, in one statement, once per transaction (they are not written while messages arrive). */
async function settingsAndQueue(tx: Tx, workstreamId: string | null, queueId: string | null): Promise<{ settings: AutomatedMessagesSettings; queue: QueueRow | null }> {
  const row = await readOnce(tx, `settings-and-queue:${workstreamId}:${queueId}`, () =>
    tx
      .selectNoFrom([
        sql<AutomatedMessagesSettings | null>`(SELECT b.automated_messages FROM workstream_behaviors b WHERE b.workstream_id = ${workstreamId})`.as('settings'),
        sql<QueueRecord | null>`(SELECT to_jsonb(q) FROM queues q WHERE q.id = ${queueId})`.as('queue'),
      ])
      .executeTakeFirstOrThrow(),
  );
  return { settings: row.settings ?? {}, queue: row.queue ? toQueueRow(row.queue) : null };
}

/** What a customer waiting in the queue would hear now: that it is closed (and when it opens), else their position. */
function queueStatus(queue: QueueRow, now: Date): { trigger: Trigger; nextOpenAt: Date | null } {
  const { ok, hours } = mayAssignNow(queue, now);
  return { trigger: ok ? 'queue-position' : hours.reason === 'holiday' ? 'holiday' : 'out-of-hours', nextOpenAt: hours.nextOpenAt };
}

/**
 * A waiting customer hears once that the queue is closed (with the next opening), or once their
 * position when it is open. Conversations with an agent, with a bot, or closed by overflow hear
 * nothing here.
 */
export async function announceQueueStatus(tx: Tx, conversationId: string, now: Date): Promise<void> {
  const c = await tx
    .selectFrom('conversations as c')
    .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
    .leftJoin('workstreams as w', 'w.id', 'c.workstream_id')
    .leftJoin('workstream_behaviors as b', 'b.workstream_id', 'c.workstream_id')
    .select(['c.state', 'c.queue_id', 'c.assigned_agent_id', 'c.bot_state', 'c.priority', 'c.queued_at', 'c.created_at', 'ct.language', 'w.language as workstreamLanguage', 'b.automated_messages'])
    // The queue comes along: its hours decide what the customer hears.
    .select(sql<QueueRecord | null>`(SELECT to_jsonb(q) FROM queues q WHERE q.id = c.queue_id)`.as('queue'))
    // Triggers that already spoke (each speaks once): most messages of a waiting customer stop here.
    .select(sql<string[]>`array(SELECT a.trigger FROM conversation_automations a WHERE a.conversation_id = c.id)`.as('fired'))
    .where('c.id', '=', conversationId)
    .executeTakeFirst();
  if (!c || c.state !== 'open' || c.assigned_agent_id || !c.queue_id || c.bot_state === 'active') return;
  const settings = (c.automated_messages ?? {}) as AutomatedMessagesSettings;
  // Turned off or already said: nothing to work out (most messages of a waiting customer).
  const speaks = (trigger: Trigger) => isTriggerEnabled(trigger, settings) && !c.fired.includes(trigger);
  if (!speaks('out-of-hours') && !speaks('holiday') && !speaks('queue-position')) return;
  if (!c.queue) return;
  const queue = toQueueRow(c.queue);
  const { trigger, nextOpenAt } = queueStatus(queue, now);
  if (!speaks(trigger)) return;
  if (trigger !== 'queue-position') {
    const language = c.language ?? c.workstreamLanguage ?? 'en';
    await fireTrigger(tx, { conversationId, trigger, now, values: { NextOpening: formatOpening(nextOpenAt, language, queue.hours.timeZone) } });
    return;
  }
  const queuedAt = c.queued_at ?? c.created_at;
  const ahead = await tx
    .selectFrom('conversations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('queue_id', '=', c.queue_id)
    .where('state', '=', 'open')
    .where('assigned_agent_id', 'is', null)
    .where('id', '<>', conversationId)
    .where((eb) => eb.or([eb('priority', '>', c.priority), eb.and([eb('priority', '=', c.priority), eb('queued_at', '<=', queuedAt)])]))
    .executeTakeFirstOrThrow();
  await fireTrigger(tx, { conversationId, trigger: 'queue-position', now, values: { Position: Number(ahead.n) + 1 } });
}

/** Overflow closed the conversation on arrival: nobody can take it. */
export async function announceNoAgent(tx: Tx, conversationId: string, now: Date): Promise<void> {
  await fireTrigger(tx, { conversationId, trigger: 'no-agent-available', now });
}

/** An agent has the conversation now (pick, accept, affinity): after a transfer it is "transfer done". */
export async function announceAgentAssigned(tx: Tx, conversationId: string, now: Date): Promise<void> {
  // The assignment event is already written: the one before it tells whether this ends a transfer.
  const recent = await tx
    .selectFrom('conversation_events')
    .select('type')
    .where('conversation_id', '=', conversationId)
    .where('type', 'in', ['transferred', 'assigned', 'offer-accepted'])
    .orderBy('id', 'desc')
    .limit(2)
    .execute();
  const afterTransfer = recent[1]?.type === 'transferred';
  await fireTrigger(tx, { conversationId, trigger: afterTransfer ? 'transfer-done' : 'agent-assigned', now });
}

/** A transfer began: to a queue, or to an agent (named in {QueueName}'s place). */
export async function announceTransfer(tx: Tx, conversationId: string, target: string, now: Date): Promise<void> {
  await fireTrigger(tx, { conversationId, trigger: 'transfer-started', now, values: { QueueName: target } });
}

/** The agent ended the conversation (Wrap-up). */
export async function announceAgentEnded(tx: Tx, conversationId: string, now: Date): Promise<void> {
  await fireTrigger(tx, { conversationId, trigger: 'agent-ended', now });
}

/**
 * A send failed with a code that says more than "this message": outside WhatsApp's window the
 * agent is told on the timeline; a customer who opted out at the provider is recorded as such.
 */
export async function noticeSendFailure(tx: Tx, messageId: string, errorCode: number | null | undefined, now: Date): Promise<void> {
  const meaning = twilioErrorMeaning(errorCode);
  if (!meaning) return;
  const message = await tx
    .selectFrom('messages as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .select(['m.conversation_id', 'c.contact_id', 'c.number_id', 'c.channel'])
    .where('m.id', '=', messageId)
    .executeTakeFirstOrThrow();
  if (meaning === 'window-closed') {
    await fireTrigger(tx, { conversationId: message.conversation_id, trigger: 'window-closed', now });
    return;
  }
  // The provider knows of an opt-out Switchboard did not see (sent elsewhere, or before it was connected).
  const optOut = { contactId: message.contact_id, numberId: message.number_id, channel: message.channel };
  if (await recordOptOut(tx, optOut, `twilio-${errorCode}`, now)) await addConversationEvent(tx, message.conversation_id, 'customer.opted-out', { errorCode });
}
