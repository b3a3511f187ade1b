import type { ConversationState } from '../db/schema.js';
import { IllegalTransitionError } from '../http/errors.js';

export type ConversationAction = 'pick' | 'accept' | 'end' | 'close' | 'wait' | 'resume' | 'reopen' | 'transfer';

/** Which states each action may start from, and where it leads. */
const TRANSITIONS: Record<ConversationAction, { from: ConversationState[]; to: ConversationState; verb: string }> = {
  pick: { from: ['open'], to: 'active', verb: 'picked' },
  accept: { from: ['open'], to: 'active', verb: 'accepted' },
  end: { from: ['active', 'waiting'], to: 'wrap-up', verb: 'ended' },
  close: { from: ['open', 'active', 'waiting', 'wrap-up'], to: 'closed', verb: 'closed' },
  wait: { from: ['active'], to: 'waiting', verb: 'moved to waiting' },
  resume: { from: ['waiting'], to: 'active', verb: 'resumed' },
  reopen: { from: ['waiting'], to: 'open', verb: 'reopened' },
  transfer: { from: ['open', 'active', 'waiting'], to: 'open', verb: 'transferred' },
};

/** The state an action leads to, or an IllegalTransitionError naming the current state. */
export function nextState(current: ConversationState, action: ConversationAction): ConversationState {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(current)) throw new IllegalTransitionError(current, rule.verb);
  return rule.to;
}
