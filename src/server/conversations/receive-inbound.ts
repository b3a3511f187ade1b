import { sql, type Insertable, type QueryCreator, type Updateable } from 'kysely';
import type { AppContext } from '../context.js';
import type { Tx } from '../db/database.js';
import type { ConversationsTable, DB, MessagesTable } from '../db/schema.js';
import type { RealtimeEvent } from '../realtime/event-bus.js';
import type { InboundMessage } from '../channels/types.js';
import type { AccountRow } from '../messaging-accounts/store.js';
import { findWorkstreamForNumber, type WorkstreamRow } from '../workstreams/store.js';
import { chooseQueue } from '../routing/choose-queue.js';
import { routeArrival } from '../routing/route-conversation.js';
import { assignConversation } from '../routing/assign-conversation.js';
import { assignSafely } from '../routing/assign-work.js';
import { readOnce } from '../db/read-once.js';
import { noteQueued, queuedIn, type QueuedWork } from '../db/queued-work.js';
import { addConversationEvent, findOrOpenConversation, upsertContact } from './store.js';
import { contactInput, DuplicateDelivery, liveKey, numberFor, readAhead, type BatchItem, type KnownAhead } from './inbound-batch.js';
import { conversationEvents } from './realtime-events.js';
import { toMessageView } from './present.js';
import type { MessageView } from './schema.js';
import { automateInbound, announceNoAgent } from '../automation/hooks.js';
import { CATALOGUE } from '../automation/catalogue.js';
import { findSurveyReply, recordChatAnswer } from '../surveys/record-answer.js';
import { startBot } from '../bots/run-bot.js';
import { queueBotTurn } from '../bots/bot-jobs.js';
import { applyConsentKeyword } from '../contacts/consent-keywords.js';

export type InboundResult =
  | { outcome: 'stored'; conversationId: string; messageId: string; conversationCreated: boolean; needsAssignment?: boolean; botTurn?: boolean }
  | { outcome: 'duplicate' }
  | { outcome: 'unmatched' }
  | { outcome: 'not-claimed' };

/** How the inbox hands a message over: the claim runs first in the storing transaction. */
export type InboundDelivery = { claim?: (tx: Tx) => Promise<boolean>; receivedAt?: Date };

export type { BatchItem } from './inbound-batch.js';

export const ATTACHMENTS_NOT_ALLOWED_TEXT = CATALOGUE['attachment-not-allowed'].defaults.en;

/**
 * Stores a customer's message exactly once, with its contact, conversation, media references
 * and events, in one transaction. Redeliveries of the same MessageSid change nothing.
 */
export async function receiveInbound(ctx: AppContext, account: AccountRow, message: InboundMessage, delivery: InboundDelivery = {}): Promise<InboundResult> {
  const { claim } = delivery;
  const item = { account, message, receivedAt: delivery.receivedAt ?? ctx.now() };
  const [result] = await receiveInboundBatch(ctx, [item], async (tx) => [claim ? await claim(tx) : true]);
  return result;
}

/**
 * Stores several customers' messages in one transaction: one commit for all, and the settings they
 * share read once (db/read-once.ts). `claim` answers which items this transaction may store (the
 * others are not-claimed). Messages stored earlier are duplicates; anything else that goes wrong
 * rolls back the whole batch and throws, and the inbox stores the items one by one.
 */
export async function receiveInboundBatch(ctx: AppContext, items: BatchItem[], claim: (tx: Tx) => Promise<boolean[]>): Promise<InboundResult[]> {
  let events: RealtimeEvent[] = [];
  let queued: ReadonlySet<QueuedWork> = new Set();
  let results: InboundResult[];
  try {
    results = await ctx.db.transaction().execute(async (tx) => {
      const claimed = await claim(tx);
      // A lone message needs no look-up: its insert finds the stored copy and rolls back.
      const stored = items.length > 1 ? await storedSids(tx, items.map((i) => i.message.messageSid)) : new Set<string>();
      const toStore = items.filter((item, index) => claimed[index] && !stored.has(item.message.messageSid));
      const known = toStore.length > 1 ? await readAhead(tx, toStore) : null;
      const news: News[] = [];
      const out: InboundResult[] = [];
      for (const [index, item] of items.entries()) {
        if (!claimed[index]) out.push({ outcome: 'not-claimed' });
        else if (stored.has(item.message.messageSid)) out.push({ outcome: 'duplicate' });
        else out.push(await storeInbound(ctx, tx, item, news, known));
      }
      events = await newsEvents(tx, news);
      queued = queuedIn(tx);
      return out;
    });
  } catch (err) {
    if (err instanceof DuplicateDelivery && items.length === 1) return [{ outcome: 'duplicate' }];
    throw err;
  }
  await afterCommit(ctx, results, events, queued);
  return results;
}

async function storedSids(tx: Tx, sids: string[]): Promise<Set<string>> {
  // One statement text for any number of sids, so it is prepared once.
  const rows = await tx.selectFrom('messages').select('provider_sid').where(sql<boolean>`provider_sid = ANY(${sids}::text[])`).execute();
  return new Set(rows.map((r) => r.provider_sid!));
}

/**
 * Events go out once the messages are committed, and the workers with something to do wake (media
 * to download, automated replies to send); then the work that arrived is offered or sent to the bot.
 */
async function afterCommit(ctx: AppContext, results: InboundResult[], events: RealtimeEvent[], queued: ReadonlySet<QueuedWork>): Promise<void> {
  for (const event of events) ctx.events.publish(event);
  if (queued.has('media')) ctx.signals.mediaQueued();
  if (queued.has('outbox')) ctx.signals.outboxQueued();
  for (const result of results) {
    if (result.outcome !== 'stored') continue;
    // Work arrived: offer it now (push) or send it back to its agent (affinity); the sweep retries on failure.
    if (result.needsAssignment) {
      const { conversationId } = result;
      await assignSafely(ctx, () => assignConversation(ctx, conversationId, { trigger: 'work arrived', recordWaiting: true }));
    }
    // The bot answers in the background (bots/bot-worker.ts): a slow bot never holds Twilio's webhook.
    if (result.botTurn) ctx.signals.botQueued();
  }
}

/** A stored message and its conversation, to announce once the transaction's writes are done. */
type News = { conversationId: string; type: 'conversation.created' | 'conversation.updated'; message: MessageView };

/** The conversations of all the news are read in one statement, each with its final state. */
async function newsEvents(tx: Tx, news: News[]): Promise<RealtimeEvent[]> {
  if (news.length === 0) return [];
  const views = await conversationEvents(tx, news);
  // The message event is made from the rows in hand, heard by whoever hears of the conversation.
  return news.flatMap((item, i) => [views[i], { type: 'message.created', audience: views[i].audience, data: { message: item.message } }]);
}

async function storeInbound(ctx: AppContext, tx: Tx, item: BatchItem, news: News[], known: KnownAhead | null): Promise<InboundResult> {
  const { account, message, receivedAt: now } = item;
  const number = await numberFor(tx, account, message);
  if (!number) {
    await tx
      .insertInto('unmatched_inbound')
      .values({ account_id: account.id, message_sid: message.messageSid, to_address: message.to, params: JSON.stringify(message) })
      .onConflict((oc) => oc.column('message_sid').doNothing())
      .execute();
    return { outcome: 'unmatched' };
  }

  const workstream = (await readOnce(tx, `workstream-of-number:${number.id}:${message.channel}`, () => findWorkstreamForNumber(tx, number.id, message.channel))) ?? null;
  const contact = known?.contacts.get(message.customer.phone) ?? (await upsertContact(tx, contactInput(message)));
  const queueId = await chooseQueue(tx, workstream);
  const live = known?.live.get(liveKey(contact.id, number.id, message.channel));
  // A rating that answers the last conversation's survey stays with that (closed) conversation.
  const surveyReply = live ? null : await findSurveyReply(tx, { contactId: contact.id, numberId: number.id, channel: message.channel, text: message.buttonPayload ?? message.body, now });
  const { conversation, created } = surveyReply
    ? { conversation: surveyReply.conversation, created: false }
    : live
      ? { conversation: live, created: false }
      : await findOrOpenConversation(tx, { contactId: contact.id, numberId: number.id, channel: message.channel, workstreamId: workstream?.id ?? null, queueId, messageAt: now });

  // A reply to a Waiting conversation puts it back in its queue; its agent is remembered for affinity.
  const reopened = conversation.state === 'waiting';
  const touch: Updateable<ConversationsTable> = {
    last_inbound_at: now,
    last_message_at: now,
    ...(reopened ? { state: 'open', assigned_agent_id: null, last_agent_id: conversation.assigned_agent_id, queued_at: now, overflowed_at: null } : {}),
  };
  // A conversation opened by this message already has its times; a plain reply was stored ahead with the batch's.
  const inserted = known?.stored.get(message.messageSid) ?? (await insertInboundMessage(tx, created ? null : touch, {
    conversation_id: conversation.id,
    direction: 'inbound',
    kind: message.kind,
    body: message.body,
    status: 'received',
    provider_sid: message.messageSid,
    latitude: message.latitude,
    longitude: message.longitude,
    location_label: message.locationLabel,
    location_address: message.locationAddress,
    button_text: message.buttonText,
    button_payload: message.buttonPayload,
    replied_to_sid: message.repliedToSid,
    created_at: now,
    status_at: now,
  }));
  // A redelivery of a stored message: throwing rolls back everything this transaction did before.
  if (!inserted) throw new DuplicateDelivery();

  const attachmentsBlocked = message.media.length > 0 && workstream !== null && !workstream.customer_attachments;
  const media = message.media.length === 0 ? [] : await insertMedia(tx, inserted.id, message.media, attachmentsBlocked);

  let routedAway = false;
  // A workstream's bot answers first: the conversation is routed only when the bot hands off.
  let botTurn = false;
  // The queue the customer waits in, once routed: what they hear about it depends on its hours.
  let waitsIn = conversation.queue_id;
  if (created) {
    await addConversationEvent(tx, conversation.id, 'created', { numberId: number.id, workstreamId: workstream?.id ?? null });
    botTurn = await startBot(tx, conversation.id, workstream);
    const subject = { channel: message.channel, contact, routingVariables: {}, queueId: conversation.queue_id };
    const routed = botTurn ? null : await routeArrival(tx, { conversationId: conversation.id, workstream, defaultQueueId: queueId, subject, firstMessage: message.body, now });
    waitsIn = routed?.queueId ?? null;
    routedAway = routed?.queueId === null;
  } else if (reopened) {
    await addConversationEvent(tx, conversation.id, 'state-changed', { from: 'waiting', to: 'open', reason: 'customer replied' });
  }
  if (attachmentsBlocked) await addConversationEvent(tx, conversation.id, 'attachment-blocked', { messageId: inserted.id });
  await applyConsentKeyword(tx, { conversationId: conversation.id, contactId: contact.id, numberId: number.id, channel: message.channel, body: message.body, now });
  if (!created && !surveyReply) botTurn = conversation.bot_state === 'active';
  if (botTurn) await queueBotTurn(tx, { conversationId: conversation.id, messageId: inserted.id, now });
  if (surveyReply) await recordChatAnswer(tx, surveyReply, now);
  else if (routedAway) await announceNoAgent(tx, conversation.id, now);
  else {
    // Most replies reach a conversation an agent has: then there is no queue to tell the customer about.
    const waitingInQueue = created || reopened || (conversation.state === 'open' && !conversation.assigned_agent_id && conversation.bot_state !== 'active');
    await automateInbound(tx, { conversationId: conversation.id, workstreamId: conversation.workstream_id, queueId: waitsIn, created, kind: message.kind, attachmentsBlocked, waitingInQueue, now });
  }

  news.push({ conversationId: conversation.id, type: created ? 'conversation.created' : 'conversation.updated', message: toMessageView(inserted, media) });
  const queued = (created && !routedAway && !botTurn) || reopened;
  const needsAssignment = queued && decidedOnArrival(workstream, reopened ? conversation.assigned_agent_id : null);
  return { outcome: 'stored', conversationId: conversation.id, messageId: inserted.id, conversationCreated: created, needsAssignment, botTurn };
}

/**
 * Push work is offered at once; in pick mode agents take it from the open list, and only a reply
 * that goes back to its previous agent (keep-same-agent) needs a decision. The sweep uses the same rule.
 */
function decidedOnArrival(workstream: WorkstreamRow | null, previousAgentId: string | null): boolean {
  return workstream?.mode === 'push' || Boolean(workstream?.keep_same_agent && previousAgentId);
}

/**
 * The inbound message (undefined for a redelivery), and the update of its conversation in the same
 * statement: every reply pays one round trip for both.
 */
function insertInboundMessage(tx: Tx, touch: Updateable<ConversationsTable> | null, values: Insertable<MessagesTable>) {
  const insert = (db: QueryCreator<DB>) => db.insertInto('messages').values(values).onConflict((oc) => oc.column('provider_sid').doNothing()).returningAll();
  if (!touch) return insert(tx).executeTakeFirst();
  return tx
    .with('inserted', insert)
    .with('touched', (db) => db.updateTable('conversations').set(touch).where('id', '=', values.conversation_id).where(sql<boolean>`EXISTS (SELECT 1 FROM inserted)`).returning('id'))
    .selectFrom('inserted')
    .selectAll()
    .executeTakeFirst();
}

/** The message's media references, to download later (or blocked when the workstream refuses attachments). */
function insertMedia(tx: Tx, messageId: string, media: InboundMessage['media'], blocked: boolean) {
  if (!blocked) noteQueued(tx, 'media');
  return tx
    .insertInto('message_media')
    .values(
      media.map((m, position) => ({
        message_id: messageId,
        position,
        source_url: m.url,
        content_type: m.contentType,
        status: blocked ? ('blocked' as const) : ('pending' as const),
        error: blocked ? 'Customer attachments are turned off for this workstream.' : null,
      })),
    )
    .returningAll()
    .execute();
}
