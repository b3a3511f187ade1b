import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { ChannelId } from '../channels/registry.js';
import { DomainError } from '../http/errors.js';

/**
 * Twilio's default opt-out, opt-in and help keywords, which US and Canadian carriers require an
 * SMS sender to honour; WhatsApp senders honour the same words. A keyword counts only as the
 * whole message, in any case.
 */
const KEYWORDS: Record<string, ConsentKeyword> = {
  ...Object.fromEntries(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'].map((k) => [k, 'opt-out'])),
  ...Object.fromEntries(['START', 'YES', 'UNSTOP'].map((k) => [k, 'opt-in'])),
  ...Object.fromEntries(['HELP', 'INFO'].map((k) => [k, 'help'])),
};

export type ConsentKeyword = 'opt-out' | 'opt-in' | 'help';

export function consentKeywordOf(body: string): ConsentKeyword | null {
  return KEYWORDS[body.trim().toUpperCase()] ?? null;
}

/** A customer who opted out of a sender on a channel, by keyword or as Twilio reported (error 21610). */
export type OptOut = { contactId: string; numberId: string; channel: ChannelId };

export class CustomerOptedOutError extends DomainError {
  constructor() {
    super('CUSTOMER_OPTED_OUT', 'The customer opted out (they sent STOP) of messages from this number on this channel. Nothing can be sent until they send START.', 422);
  }
}

/** Records the opt-out once; answers whether it is new. */
export async function recordOptOut(db: Executor, optOut: OptOut, source: string, now: Date): Promise<boolean> {
  const row = await db
    .insertInto('opt_outs')
    .values({ contact_id: optOut.contactId, number_id: optOut.numberId, channel: optOut.channel, source, created_at: now })
    .onConflict((oc) => oc.columns(['contact_id', 'number_id', 'channel']).doNothing())
    .returning('contact_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Lifts the opt-out; answers whether there was one. */
export async function liftOptOut(db: Executor, optOut: OptOut): Promise<boolean> {
  const rows = await db
    .deleteFrom('opt_outs')
    .where('contact_id', '=', optOut.contactId)
    .where('number_id', '=', optOut.numberId)
    .where('channel', '=', optOut.channel)
    .returning('contact_id')
    .execute();
  return rows.length > 0;
}

/** Whether the customer of this conversation opted out of its number on its channel. */
export async function conversationOptedOut(db: Executor, conversationId: string): Promise<boolean> {
  const { rows } = await sql<{ opted_out: boolean }>`
    SELECT EXISTS (
      SELECT 1 FROM conversations c JOIN opt_outs o ON o.contact_id = c.contact_id AND o.number_id = c.number_id AND o.channel = c.channel
      WHERE c.id = ${conversationId}::uuid) AS opted_out`.execute(db);
  return rows[0].opted_out;
}
