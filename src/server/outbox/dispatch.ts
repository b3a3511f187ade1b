import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import type { SendOutcome, TwilioCredentials, TwilioMessage } from '../channels/twilio/twilio-client.js';
import { twilioErrorMeaning, twilioErrorSentence } from '../channels/twilio/error-sentences.js';
import { statusRank } from '../channels/twilio/delivery-status.js';
import { credentialsOf } from '../messaging-accounts/credentials.js';
import { statusCallbackUrl } from '../messaging-accounts/urls.js';
import { addMessageEvent } from '../conversations/store.js';
import { adoptSids, applyEarlyCallbacks, applyToMessage } from '../conversations/apply-delivery-status.js';
import { messageConversationEvent, messageEvent, messageEvents } from '../conversations/realtime-events.js';
import { releaseClaims, type ClaimedEntry } from './claim.js';
import { TurnWithdrawn, type Answered } from './sender-pacing.js';
import { buildSendParams, type OutboundContext } from './build-send-params.js';
import { backoffMs, MAX_ATTEMPTS } from './backoff.js';
import { noticeSendFailure } from '../automation/hooks.js';

export type Loaded = { outbound: OutboundContext; creds: TwilioCredentials; maxPerSecond: number; twilioSid: string | null; status: string };

/** Twilio has a message: its resource, and how we learned it (the send answer, or reconciliation). */
export type Acceptance = { messageId: string; message: TwilioMessage; how: string };
export type RecordAcceptance = (acceptance: Acceptance) => Promise<void>;

/**
 * Hands one claimed message to Twilio at its sender's turn and records what happened. Never
 * sends a message twice. `record` stores an acceptance (the worker batches them).
 */
export async function dispatchEntry(ctx: AppContext, entry: ClaimedEntry, loaded: Loaded | undefined, waitTurn: () => Promise<Answered>, record: RecordAcceptance): Promise<void> {
  if (!loaded || loaded.twilioSid || loaded.status !== 'queued') {
    // Already with Twilio (a callback told us) or no longer sendable.
    await ctx.db.updateTable('outbox').set({ state: 'done', locked_until: null }).where('message_id', '=', entry.message_id).execute();
    return;
  }
  let answered: Answered;
  try {
    answered = await waitTurn();
  } catch (err) {
    // Not sent: the process now holding the sender (or, after a shutdown, any process) may take the message at once.
    if (err instanceof TurnWithdrawn) return releaseClaims(ctx.db, [entry.message_id], entry.claimed_by);
    throw err;
  }
  // The customer's next message goes once Twilio has this one; while its fate is open (a retry, an
  // unknown outcome) the next ones are withdrawn, after the retry is written, so none overtakes it.
  let outcome: SendOutcome;
  try {
    // Asked right before sending, so a status callback of the earlier attempt has had the most time to arrive.
    if (entry.reconcile_since) {
      const reconciled = await reconcile(ctx, entry, loaded);
      if (reconciled !== 'not-found') return answered(reconciled === 'adopted' ? undefined : 'unsent');
    }
    outcome = await ctx.twilio.sendMessage(loaded.creds, buildSendParams(loaded.outbound));
  } catch (err) {
    answered('unsent');
    throw err;
  }
  switch (outcome.kind) {
    case 'accepted':
      answered();
      return record({ messageId: entry.message_id, message: outcome.message, how: 'send answer' });
    case 'rejected':
      answered();
      return recordFailure(ctx, entry.message_id, outcome.code, outcome.message);
    case 'retry':
      return scheduleRetry(ctx, entry, `Twilio asked us to slow down (${outcome.code ?? 429}): ${outcome.reason}`, false).finally(() => answered('unsent'));
    case 'unknown':
      return scheduleRetry(ctx, entry, `Outcome unknown: ${outcome.reason}`, true).finally(() => answered('unsent'));
  }
}

/** Everything needed to send the claimed messages, in one query for the whole batch. */
export async function loadOutbound(ctx: AppContext, messageIds: string[]): Promise<Map<string, Loaded>> {
  if (messageIds.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('messages as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .innerJoin('contacts as k', 'k.id', 'c.contact_id')
    .innerJoin('numbers as n', 'n.id', 'c.number_id')
    .innerJoin('messaging_accounts as a', 'a.id', 'n.account_id')
    .select([
      'm.id', 'm.body', 'm.content_sid', 'm.content_variables', 'm.provider_sid', 'm.status', 'k.phone', 'n.number', 'c.channel',
      'n.messaging_service_sid', 'n.max_per_second', 'a.account_sid', 'a.auth_token_encrypted', 'a.provider', 'a.inbound_key',
    ])
    .select(sql<string[]>`array(SELECT x.public_token FROM message_media x WHERE x.message_id = m.id AND x.public_token IS NOT NULL ORDER BY x.position)`.as('media_tokens'))
    .where('m.id', 'in', messageIds)
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      {
        twilioSid: row.provider_sid,
        status: row.status,
        maxPerSecond: row.max_per_second,
        creds: credentialsOf(ctx, row),
        outbound: {
          messageId: row.id,
          channel: row.channel,
          body: row.body,
          contentSid: row.content_sid,
          contentVariables: row.content_variables,
          customerPhone: row.phone,
          senderNumber: row.number,
          messagingServiceSid: row.messaging_service_sid,
          mediaUrls: row.media_tokens.map((token) => `${ctx.config.publicUrl}/media/out/${token}`),
          statusCallbackUrl: statusCallbackUrl(ctx.config, row.inbound_key),
        },
      },
    ]),
  );
}

/**
 * An earlier attempt may have reached Twilio. Ask Twilio for messages to this customer since
 * then; one we have not recorded, with our text, is ours: adopt it instead of sending again.
 */
async function reconcile(ctx: AppContext, entry: ClaimedEntry, loaded: Loaded): Promise<'adopted' | 'not-found' | 'deferred'> {
  const { outbound, creds } = loaded;
  const params = buildSendParams(outbound);
  let candidates: TwilioMessage[];
  try {
    candidates = await ctx.twilio.listMessages(creds, { to: params.To, from: params.From, since: new Date(entry.reconcile_since!.getTime() - 60_000) });
  } catch (err) {
    await scheduleRetry(ctx, entry, `Could not ask Twilio whether the earlier attempt went through: ${(err as Error).message}`, true);
    return 'deferred';
  }
  const since = entry.reconcile_since!.getTime() - 5_000;
  const fresh = candidates.filter((c) => !c.date_created || Date.parse(c.date_created) >= since);
  // A status callback of the earlier attempt (it carries our message id) may have recorded its sid meanwhile.
  const recorded = await ctx.db
    .selectFrom('messages')
    .select(['id', 'provider_sid'])
    .where((eb) => eb.or([eb('id', '=', entry.message_id), ...(fresh.length ? [eb('provider_sid', 'in', fresh.map((c) => c.sid))] : [])]))
    .execute();
  const own = recorded.find((r) => r.id === entry.message_id)?.provider_sid;
  if (own) {
    await addMessageEvent(ctx.db, entry.message_id, { type: 'reconciled', detail: `A status callback showed the earlier attempt reached Twilio as ${own}; not sending again.` });
    return 'adopted';
  }
  const known = new Set(recorded.map((r) => r.provider_sid));
  const match = fresh.find((c) => !known.has(c.sid) && (outbound.contentSid || (c.body ?? '') === outbound.body));
  if (!match) {
    await addMessageEvent(ctx.db, entry.message_id, { type: 'reconciled', detail: 'Twilio has no record of the earlier attempt; sending again.' });
    return 'not-found';
  }
  await addMessageEvent(ctx.db, entry.message_id, { type: 'reconciled', detail: `The earlier attempt reached Twilio as ${match.sid}; not sending again.` });
  await recordAcceptances(ctx, [{ messageId: entry.message_id, message: match, how: 'reconciliation' }]);
  return 'adopted';
}

/**
 * Records acceptances in one transaction: sids adopted and outbox entries closed in one statement;
 * a reconciled message that is further along, or callbacks that beat the answer, applied after.
 */
export async function recordAcceptances(ctx: AppContext, acceptances: Acceptance[]): Promise<void> {
  if (acceptances.length === 0) return;
  ctx.metrics.messagesSent.inc(acceptances.length);
  await ctx.db.transaction().execute(async (tx) => {
    const early = await adoptSids(tx, acceptances.map((a) => ({ messageId: a.messageId, sid: a.message.sid, how: a.how })));
    for (const { messageId, message } of acceptances) {
      // A fresh send answers "queued" or "accepted", which changes nothing; a reconciled one may be further along.
      if (statusRank(message.status) > statusRank('queued')) {
        await applyToMessage(tx, messageId, { status: message.status, errorCode: message.error_code, errorMessage: message.error_message }, ctx.now());
      }
      if (early.has(messageId)) await applyEarlyCallbacks(tx, messageId, message.sid, ctx.now());
    }
  });
  for (const event of await messageEvents(ctx.db, acceptances.map((a) => a.messageId), 'message.updated')) ctx.events.publish(event);
}

async function recordFailure(ctx: AppContext, messageId: string, code: number | null, twilioMessage: string): Promise<void> {
  ctx.metrics.messagesFailed.inc({ code: String(code ?? 0) });
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('messages')
      .set({ status: 'failed', error_code: code, error_message: twilioErrorSentence(code, twilioMessage), status_at: ctx.now() })
      .where('id', '=', messageId)
      .execute();
    await tx.updateTable('outbox').set({ state: 'done', locked_until: null, last_error: twilioMessage }).where('message_id', '=', messageId).execute();
    await addMessageEvent(tx, messageId, { type: 'failed', status: 'failed', errorCode: code, detail: twilioMessage });
    await noticeSendFailure(tx, messageId, code, ctx.now());
  });
  ctx.events.publish(await messageEvent(ctx.db, messageId, 'message.updated'));
  // An opt-out the provider reported shows on the conversation (the customer panel, the composer).
  if (twilioErrorMeaning(code) === 'opted-out') ctx.events.publish(await messageConversationEvent(ctx.db, messageId));
}

async function scheduleRetry(ctx: AppContext, entry: ClaimedEntry, reason: string, outcomeUnknown: boolean): Promise<void> {
  if (entry.attempts >= MAX_ATTEMPTS) {
    return recordFailure(ctx, entry.message_id, null, `Gave up after ${entry.attempts} attempts. Last problem: ${reason}`);
  }
  const next = new Date(ctx.now().getTime() + backoffMs(entry.attempts));
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('outbox')
      .set({
        state: 'pending',
        locked_until: null,
        next_attempt_at: next,
        last_error: reason,
        ...(outcomeUnknown ? { reconcile_since: entry.reconcile_since ?? entry.attempt_started_at } : {}),
      })
      .where('message_id', '=', entry.message_id)
      .where('state', '=', 'in-flight')
      .where('claimed_by', '=', entry.claimed_by)
      .execute();
    await addMessageEvent(tx, entry.message_id, { type: 'retry-scheduled', detail: `${reason}. Next attempt at ${next.toISOString()}.` });
  });
}
