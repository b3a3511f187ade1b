import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/database.js';
import type { SessionUser } from '../auth/sessions.js';
import { NotFoundError } from '../http/errors.js';
import { loadVisibleConversation } from './policy.js';
import type { ReadMarkView } from './schema.js';
import { unreadInboundCount } from './store.js';

async function messageToMark(db: Executor, conversationId: string, messageId: string | undefined) {
  let query = db.selectFrom('messages').select(['id', 'seq']).where('conversation_id', '=', conversationId);
  query = messageId ? query.where('id', '=', messageId) : query.orderBy('seq', 'desc').limit(1);
  const message = await query.executeTakeFirst();
  if (messageId && !message) throw new NotFoundError('The message');
  return message;
}

/**
 * The agent has seen the conversation up to a message (the newest by default). The mark only moves
 * forward, so a late request from an older tab cannot bring read messages back as unread.
 */
export async function markConversationRead(ctx: AppContext, user: SessionUser, conversationId: string, messageId?: string): Promise<ReadMarkView> {
  await loadVisibleConversation(ctx.db, user, conversationId);
  const message = await messageToMark(ctx.db, conversationId, messageId);
  if (message) {
    await ctx.db
      .insertInto('conversation_reads')
      .values({ conversation_id: conversationId, user_id: user.id, last_read_message_id: message.id, last_read_seq: message.seq, read_at: ctx.now() })
      .onConflict((oc) =>
        oc.columns(['conversation_id', 'user_id']).doUpdateSet({
          last_read_message_id: sql`CASE WHEN excluded.last_read_seq > conversation_reads.last_read_seq THEN excluded.last_read_message_id ELSE conversation_reads.last_read_message_id END`,
          last_read_seq: sql`greatest(excluded.last_read_seq, conversation_reads.last_read_seq)`,
          read_at: sql`excluded.read_at`,
        }),
      )
      .execute();
  }
  const view = await readMarkOf(ctx.db, user.id, conversationId);
  ctx.events.publish({ type: 'conversation.read', audience: { queueId: null, agentId: user.id }, data: { userId: user.id, ...view } });
  return view;
}

async function readMarkOf(db: Executor, userId: string, conversationId: string): Promise<ReadMarkView> {
  const row = await db
    .selectFrom('conversations as c')
    .leftJoin('conversation_reads as r', (join) => join.onRef('r.conversation_id', '=', 'c.id').on('r.user_id', '=', userId))
    .select('r.last_read_message_id')
    .select(unreadInboundCount().as('unread_count'))
    .where('c.id', '=', conversationId)
    .executeTakeFirstOrThrow();
  return { conversationId, lastReadMessageId: row.last_read_message_id, unreadCount: row.unread_count };
}
