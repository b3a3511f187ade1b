import type { Tx } from '../db/database.js';
import { ConflictError } from '../http/errors.js';
import { selectAgent } from './select-agent.js';
import { loadAgentSnapshots } from './store.js';
import { buildWorkRequest, loadDistribution, routableColumns, type RoutableConversation } from './work-request.js';

export class CapacityFullError extends ConflictError {
  constructor(who: string, reasons: string[]) {
    super('CAPACITY_FULL', `${who} cannot take this conversation now: ${reasons.join('; ')}.`, { reasons });
  }
}

/**
 * Locks the agent's row and checks, under that lock, that the conversation fits their capacity
 * (units, capacity profile, exact skills). Manual actions (pick, resume, transfer to an agent)
 * ignore presence; everything else the engine checks applies.
 */
export async function assertCapacityFor(tx: Tx, agentId: string, conversationId: string, now: Date, who = 'You'): Promise<void> {
  const conversation = (await tx.selectFrom('conversations').select(routableColumns).where('id', '=', conversationId).executeTakeFirstOrThrow()) as RoutableConversation;
  const distribution = await loadDistribution(tx, conversation.workstream_id);
  const [agent] = await loadAgentSnapshots(tx, { queueId: conversation.queue_id, agentIds: [agentId], lock: 'wait' });
  if (!agent) throw new ConflictError('AGENT_NOT_FOUND', 'That agent does not exist.');
  const request = { ...buildWorkRequest(conversation, distribution, 'highest-capacity', []), allowedPresences: [agent.presence], affinityAgentId: null };
  // Callers withdraw a pending offer of this conversation first, so it is not counted twice.
  const selection = selectAgent([agent], request, now);
  if (selection.chosenId !== agentId) throw new CapacityFullError(who, selection.considered[0].reasons);
}
