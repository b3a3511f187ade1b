import type { AppContext } from '../context.js';
import type { SessionUser } from '../auth/sessions.js';
import { isSupervisorOrAdmin } from '../auth/plugin.js';
import { ValidationError } from '../http/errors.js';
import { queueIdsOf } from '../users/store.js';
import { loadConversationViews, type ClosedCursor } from './present.js';
import type { ConversationView, ListConversationsQuery } from './schema.js';

const CLOSED_PAGE = 30;

/**
 * The conversation list an agent's workspace asks for: by state, queue, channel, label and assignee, a
 * search by name, number or text, or the closed view a page at a time. Agents see only what
 * they may open (their queues', their own, the ones they take part in).
 */
export async function listConversations(ctx: AppContext, user: SessionUser, query: ListConversationsQuery): Promise<{ items: ConversationView[]; nextCursor?: string | null }> {
  const { state, queueId, channel, label, assigneeId, participantId, q, limit, view, before } = query;
  if (view === 'closed' && state) throw new ValidationError('The closed view has only closed conversations: leave state out.', 'state');
  if (before && view !== 'closed') throw new ValidationError('before pages the closed view only (view=closed).', 'before');
  const closed = view === 'closed' ? { before: before ? readCursor(before) : undefined } : undefined;
  const pageSize = closed ? (limit ?? CLOSED_PAGE) : limit;
  const items = await loadConversationViews(
    ctx.db,
    {
      states: state?.split(','),
      queueId,
      channels: channel?.split(','),
      labelId: label,
      assigneeId: assigneeId === undefined ? undefined : assigneeId === 'me' ? user.id : assigneeId === 'none' ? null : assigneeId,
      participantId: participantId === 'me' ? user.id : participantId,
      viewerId: user.id,
      visibleTo: isSupervisorOrAdmin(user) ? undefined : { userId: user.id, queueIds: await queueIdsOf(ctx.db, user.id) },
      search: q?.trim() || undefined,
      closed,
      // One more than the page shows, to know whether another page follows.
      limit: closed ? pageSize! + 1 : pageSize,
    },
    ctx.now(),
  );
  if (!closed) return { items };
  const page = items.slice(0, pageSize);
  const last = page.at(-1);
  return { items: page, nextCursor: items.length > page.length && last ? writeCursor(last) : null };
}

const writeCursor = (c: ConversationView) => `${c.closedAt ?? c.lastMessageAt}~${c.id}`;

function readCursor(text: string): ClosedCursor {
  const [at, id] = text.split('~');
  const closedAt = new Date(at);
  if (Number.isNaN(closedAt.getTime())) throw new ValidationError('before is not a cursor this list gave.', 'before');
  return { closedAt, id };
}
