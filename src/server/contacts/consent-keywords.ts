import type { Tx } from '../db/database.js';
import { addConversationEvent } from '../conversations/store.js';
import { fireTrigger } from '../automation/fire-trigger.js';
import { consentKeywordOf, liftOptOut, recordOptOut, type ConsentKeyword, type OptOut } from './opt-outs.js';

/**
 * Acts on a customer's message that is an opt-out, opt-in or help keyword (the whole message):
 * STOP records the opt-out for this number and channel, START lifts it, HELP answers with the
 * workstream's help text. The message itself is stored and shown like any other.
 */
export async function applyConsentKeyword(tx: Tx, input: OptOut & { conversationId: string; body: string; now: Date }): Promise<ConsentKeyword | null> {
  const keyword = consentKeywordOf(input.body);
  if (!keyword) return null;
  const word = input.body.trim().toUpperCase();
  if (keyword === 'opt-out') {
    if (await recordOptOut(tx, input, word, input.now)) await addConversationEvent(tx, input.conversationId, 'customer.opted-out', { keyword: word });
  } else if (keyword === 'opt-in') {
    // YES is also an everyday answer: it changes something only for a customer who opted out.
    if (await liftOptOut(tx, input)) await addConversationEvent(tx, input.conversationId, 'customer.opted-in', { keyword: word });
  } else {
    await fireTrigger(tx, { conversationId: input.conversationId, trigger: 'help', now: input.now });
  }
  return keyword;
}
