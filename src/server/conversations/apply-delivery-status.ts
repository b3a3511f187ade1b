import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import type { Executor, Tx } from '../db/database.js';
import { PLAN_EACH_CALL } from '../db/statement-cache.js';
import { FAILED_STATUSES, isStatusForward } from '../channels/twilio/delivery-status.js';
import { twilioErrorMeaning, twilioErrorSentence } from '../channels/twilio/error-sentences.js';
import { addMessageEvent, messageEventRow } from './store.js';
import { messageConversationEvent, messageEvents } from './realtime-events.js';
import { createBatcher } from '../batcher.js';
import { noticeSendFailure } from '../automation/hooks.js';

export type StatusUpdate = {
  messageSid: string;
  /** Our message id, carried in the StatusCallback URL, so a callback can beat the send call's answer. */
  messageId?: string;
  status: string;
  errorCode: number | null;
  errorMessage: string | null;
};

/** Callbacks applied within this long share one read of their messages' realtime views. */
const ANNOUNCE_WAIT_MS = 5;
const ANNOUNCE_MAX = 200;

/**
 * Applies Twilio status callbacks. Status only moves forward. A callback for a message we cannot
 * place yet is kept in early_status_callbacks and applied once the sid is known. Twilio sends two
 * or three of them for every message (sent, delivered, read), so the realtime announcements of
 * callbacks that land within a few milliseconds are read together; each request still answers
 * only once its message's event is published.
 */
export function createStatusCallbackApplier(ctx: AppContext) {
  const announcer = createBatcher<string>(
    async (ids) => {
      for (const event of await messageEvents(ctx.db, [...new Set(ids)], 'message.updated')) ctx.events.publish(event);
    },
    { waitMs: ANNOUNCE_WAIT_MS, maxItems: ANNOUNCE_MAX },
  );

  return async function applyStatusCallback(accountId: string, update: StatusUpdate): Promise<'applied' | 'ignored' | 'kept'> {
    const outcome = await ctx.db.transaction().execute(async (tx) => {
      const message = await findOutboundMessage(tx, accountId, update);
      if (!message) {
        await tx.insertInto('early_status_callbacks').values({ message_sid: update.messageSid, params: JSON.stringify(update) }).execute();
        return { result: 'kept' as const };
      }
      if (!message.provider_sid) await adoptSid(tx, message.id, update.messageSid, 'status callback');
      const applied = await applyToMessage(tx, message.id, update, ctx.now(), message.status);
      return { result: applied ? ('applied' as const) : ('ignored' as const), messageId: message.id };
    });
    if (outcome.result === 'applied' && outcome.messageId) {
      await announcer.add(outcome.messageId);
      // An opt-out the provider reported shows on the conversation (the customer panel, the composer).
      if (twilioErrorMeaning(update.errorCode) === 'opted-out') ctx.events.publish(await messageConversationEvent(ctx.db, outcome.messageId));
    }
    return outcome.result;
  };
}

async function findOutboundMessage(tx: Tx, accountId: string, update: StatusUpdate) {
  let query = tx
    .selectFrom('messages as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .innerJoin('numbers as n', 'n.id', 'c.number_id')
    .select(['m.id', 'm.provider_sid', 'm.status'])
    .where('m.direction', '=', 'outbound')
    .where('n.account_id', '=', accountId);
  query = update.messageId
    ? query.where((eb) =>
        eb.or([
          eb('m.provider_sid', '=', update.messageSid),
          eb.and([
            eb('m.id', '=', update.messageId!),
            eb('m.provider_sid', 'is', null),
            // A late callback for the attempt before a retry is not news about the new attempt.
            eb.not(eb.exists(eb.selectFrom('message_events as e').select('e.id').whereRef('e.message_id', '=', 'm.id').where('e.type', '=', 'retried').where('e.detail', '=', `previous sid ${update.messageSid}`))),
          ]),
        ]),
      )
    : query.where('m.provider_sid', '=', update.messageSid);
  // Only the message is locked: callbacks of one number (or one conversation) must not queue behind each other.
  return query.forUpdate('m').executeTakeFirst();
}

export type Adoption = { messageId: string; sid: string; how: string };

/**
 * Records the sids Twilio gave messages and closes their outbox entries, in one statement for any
 * number of messages (this runs for every message sent). Answers the ids of the messages whose
 * status callbacks arrived before their sid was known.
 */
export async function adoptSids(tx: Tx, adoptions: Adoption[]): Promise<Set<string>> {
  if (adoptions.length === 0) return new Set();
  const ids = adoptions.map((a) => a.messageId);
  const sids = adoptions.map((a) => a.sid);
  const details = adoptions.map((a) => `${a.sid} (learned from ${a.how})`);
  const result = await sql<{ message_id: string }>`
    WITH adoption AS (SELECT * FROM unnest(${ids}::uuid[], ${sids}::text[], ${details}::text[]) WITH ORDINALITY AS a(message_id, sid, detail, n)),
         adopted AS (UPDATE messages m SET provider_sid = a.sid FROM adoption a WHERE m.id = a.message_id RETURNING m.id),
         -- Each outbox entry after its message, as a status callback (which locks the message first)
         -- does: independent, PostgreSQL ran the outbox's update first, and the two deadlocked.
         done AS (UPDATE outbox o SET state = 'done', locked_until = NULL FROM adopted a WHERE o.message_id = a.id),
         event AS (INSERT INTO message_events (message_id, type, detail) SELECT message_id, 'twilio-accepted', detail FROM adoption ORDER BY n)
    SELECT a.message_id::text AS message_id FROM adoption a WHERE EXISTS (SELECT 1 FROM early_status_callbacks e WHERE e.message_sid = a.sid)`.execute(tx);
  return new Set(result.rows.map((r) => r.message_id));
}

/** One message's sid: see adoptSids. */
export async function adoptSid(tx: Tx, messageId: string, sid: string, how: string): Promise<{ earlyCallbacks: boolean }> {
  const early = await adoptSids(tx, [{ messageId, sid, how }]);
  return { earlyCallbacks: early.has(messageId) };
}

/**
 * Moves one message forward; answers whether anything changed. Locks the row first, unless the
 * caller already holds its lock and passes the status it read under it.
 */
export async function applyToMessage(tx: Tx, messageId: string, update: Omit<StatusUpdate, 'messageSid' | 'messageId'>, now: Date, lockedStatus?: string): Promise<boolean> {
  const status = lockedStatus ?? (await tx.selectFrom('messages').select('status').where('id', '=', messageId).forUpdate().executeTakeFirstOrThrow()).status;
  if (!isStatusForward(status, update.status)) {
    await addMessageEvent(tx, messageId, { type: 'status-ignored', status: update.status, detail: `already ${status}` });
    return false;
  }
  const failed = FAILED_STATUSES.has(update.status);
  // The new status and its timeline entry in one statement.
  await tx
    .with('moved', (db) =>
      db
        .updateTable('messages')
        .set({
          status: update.status,
          status_at: now,
          ...(failed ? { error_code: update.errorCode, error_message: twilioErrorSentence(update.errorCode, update.errorMessage) } : {}),
        })
        .where('id', '=', messageId),
    )
    .insertInto('message_events')
    .values(messageEventRow(messageId, { type: 'status', status: update.status, errorCode: update.errorCode, detail: update.errorMessage }))
    .execute();
  if (failed) await noticeSendFailure(tx, messageId, update.errorCode, now);
  return true;
}

/**
 * Callbacks that arrived before their message's sid was known: taken and applied in arrival order.
 * The table is empty most of the time; a plan cached then read all of it for each message once
 * callbacks piled up.
 */
export async function applyEarlyCallbacks(db: Executor & Tx, messageId: string, sid: string, now: Date): Promise<boolean> {
  const taken = await sql<{ id: string; params: StatusUpdate }>`${sql.raw(PLAN_EACH_CALL)}
    DELETE FROM early_status_callbacks WHERE message_sid = ${sid} RETURNING id, params`.execute(db);
  let changed = false;
  for (const row of taken.rows.sort((a, b) => Number(a.id) - Number(b.id))) {
    changed = (await applyToMessage(db, messageId, row.params, now)) || changed;
  }
  return changed;
}
