import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context.js';
import type { ConversationState } from '../db/schema.js';
import type { RealtimeEvent } from '../realtime/event-bus.js';
import { addConversationEvent } from '../conversations/store.js';
import { conversationEvent } from '../conversations/realtime-events.js';
import { cancelPendingOffers } from '../routing/offers.js';
import { assignForAgent, assignSafely } from '../routing/assign-work.js';
import { refreshCapacityPresence } from '../users/presence.js';
import { requestSurvey } from '../surveys/request-survey.js';
import { fireTrigger } from './fire-trigger.js';

const BATCH = 100;
const DAY = 24 * 3600;

/**
 * Closes conversations left inactive past their limits: Waiting after the workstream's inactivity
 * time, Open / Active / Wrap-up after their own (defaults 30 days, 30 days, 1 day), and bot
 * conversations after the bot's idle time (default 30 minutes). Each closed conversation gets the
 * "closed for inactivity" message and the survey. Rows are claimed with FOR UPDATE SKIP LOCKED, so
 * several processes can sweep at once and each conversation is closed exactly once.
 */
export async function closeInactiveConversations(ctx: AppContext): Promise<number> {
  const now = ctx.now();
  const events: RealtimeEvent[] = [];
  const freedAgents = await ctx.db.transaction().execute(async (tx) => {
    const due = await sql<{ id: string; state: ConversationState; assigned_agent_id: string | null; bot_state: string | null }>`
      SELECT c.id, c.state, c.assigned_agent_id, c.bot_state
      FROM conversations c
      LEFT JOIN workstreams w ON w.id = c.workstream_id
      LEFT JOIN workstream_behaviors b ON b.workstream_id = c.workstream_id
      WHERE c.state <> 'closed' AND (
        (c.bot_state = 'active' AND c.last_message_at <= ${now}::timestamptz - interval '1 minute' * coalesce((b.bot->>'idleMinutes')::int, 30))
        OR (c.state = 'waiting' AND c.last_message_at <= ${now}::timestamptz - interval '1 second' * coalesce(w.auto_close_waiting_seconds, ${30 * DAY}))
        OR (c.state = 'open' AND c.bot_state IS DISTINCT FROM 'active' AND c.last_message_at <= ${now}::timestamptz - interval '1 second' * coalesce((b.auto_close->>'openSeconds')::int, ${30 * DAY}))
        OR (c.state = 'active' AND c.last_message_at <= ${now}::timestamptz - interval '1 second' * coalesce((b.auto_close->>'activeSeconds')::int, ${30 * DAY}))
        OR (c.state = 'wrap-up' AND coalesce(c.wrap_up_at, c.last_message_at) <= ${now}::timestamptz - interval '1 second' * coalesce((b.auto_close->>'wrapUpSeconds')::int, ${DAY}))
      )
      ORDER BY c.last_message_at
      LIMIT ${BATCH}
      FOR UPDATE OF c SKIP LOCKED`.execute(tx);
    const freed = new Set<string>();
    for (const c of due.rows) {
      events.push(...(await cancelPendingOffers(tx, c.id, now, 'closed for inactivity')));
      await tx
        .updateTable('conversations')
        .set({ state: 'closed', closed_at: now, ...(c.assigned_agent_id ? { last_agent_id: c.assigned_agent_id } : {}) })
        .where('id', '=', c.id)
        .execute();
      const reason = c.bot_state === 'active' ? 'bot conversation idle' : 'inactivity';
      await addConversationEvent(tx, c.id, 'state-changed', { from: c.state, to: 'closed', reason });
      await fireTrigger(tx, { conversationId: c.id, trigger: 'closed-for-inactivity', now });
      await requestSurvey(ctx, tx, c.id, now);
      if (c.assigned_agent_id) {
        const presence = await refreshCapacityPresence(tx, c.assigned_agent_id, now);
        if (presence) events.push(presence);
        freed.add(c.assigned_agent_id);
      }
      events.push(await conversationEvent(tx, c.id, 'conversation.updated'));
    }
    return freed;
  });
  for (const e of events) ctx.events.publish(e);
  if (events.length) ctx.signals.outboxQueued();
  for (const agentId of freedAgents) await assignSafely(ctx, () => assignForAgent(ctx, agentId, 'capacity freed (auto-close)'));
  return events.filter((e) => e.type === 'conversation.updated').length;
}

export const AUTO_CLOSE_MS = 30_000;

export function startAutoCloseWorker(ctx: AppContext, log: FastifyBaseLogger) {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = (async () => {
      while ((await closeInactiveConversations(ctx)) >= BATCH);
    })()
      .catch((err) => log.error({ err }, 'auto-close sweep failed; the next one retries'))
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, AUTO_CLOSE_MS);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
