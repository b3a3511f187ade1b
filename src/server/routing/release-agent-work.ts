import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import type { SessionUser } from '../auth/sessions.js';
import { transferConversation } from './transfer.js';
import { chooseQueue } from './choose-queue.js';

/**
 * An agent leaves routing for good (deactivated): the conversations they hold (Active, Waiting)
 * and the ones offered to them go back to their queue through an ordinary transfer, so pending
 * offers are withdrawn, capacity returns and the queue's next agent gets them, and the timeline
 * says why. Conversations in Wrap-up are finished work and stay as they are.
 */
export async function releaseAgentWork(ctx: AppContext, actor: SessionUser, agentId: string, note: string): Promise<number> {
  const held = await sql<{ id: string; queue_id: string | null; fallback_queue_id: string | null }>`
    SELECT c.id, c.queue_id, w.fallback_queue_id FROM conversations c
    LEFT JOIN workstreams w ON w.id = c.workstream_id
    WHERE (c.assigned_agent_id = ${agentId} AND c.state IN ('active', 'waiting'))
       OR c.id IN (SELECT o.conversation_id FROM offers o WHERE o.agent_id = ${agentId} AND o.state = 'pending')
    ORDER BY c.created_at`.execute(ctx.db);
  let released = 0;
  for (const c of held.rows) {
    try {
      const queueId = c.queue_id ?? (await chooseQueue(ctx.db, c.fallback_queue_id ? { fallback_queue_id: c.fallback_queue_id } : null));
      await transferConversation(ctx, actor, c.id, { queueId, note });
      released++;
    } catch (err) {
      // Closed or moved meanwhile: nothing of this agent's left to release there.
      console.warn(`could not return conversation ${c.id} to its queue after its agent left routing`, err);
    }
  }
  return released;
}
