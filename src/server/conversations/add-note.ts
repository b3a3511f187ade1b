import type { AppContext } from '../context.js';
import type { Executor } from '../db/database.js';
import type { SessionUser } from '../auth/sessions.js';
import type { RealtimeEvent } from '../realtime/event-bus.js';
import { ValidationError } from '../http/errors.js';
import { assertCanNote, loadVisibleConversation } from './policy.js';
import type { NoteView } from './schema.js';
import { conversationAudience } from './realtime-events.js';

/**
 * Private notes are conversation events of type "note": they live on the timeline, never in
 * `messages`, so nothing the outbox or Twilio reads can ever carry them to the customer.
 */
export async function addNote(ctx: AppContext, user: SessionUser, conversationId: string, body: string): Promise<NoteView> {
  const text = body.trim();
  if (!text) throw new ValidationError('Write the note first.', 'body');
  const note = await ctx.db.transaction().execute(async (tx) => {
    const conversation = await loadVisibleConversation(tx, user, conversationId);
    assertCanNote(user, conversation);
    const row = await tx
      .insertInto('conversation_events')
      .values({ conversation_id: conversationId, type: 'note', data: JSON.stringify({ body: text }), actor_user_id: user.id, created_at: ctx.now() })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toNoteView(row);
  });
  const event: RealtimeEvent = { type: 'conversation.note', audience: await conversationAudience(ctx.db, conversationId), data: { conversationId, note } };
  ctx.events.publish(event);
  return note;
}

export async function listNotes(db: Executor, conversationId: string): Promise<NoteView[]> {
  const rows = await db.selectFrom('conversation_events').selectAll().where('conversation_id', '=', conversationId).where('type', '=', 'note').orderBy('id').execute();
  return rows.map(toNoteView);
}

function toNoteView(row: { id: number | string | bigint; conversation_id: string; actor_user_id: string | null; data: unknown; created_at: Date }): NoteView {
  const data = (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as { body?: string };
  return { id: Number(row.id), conversationId: row.conversation_id, authorUserId: row.actor_user_id, body: data.body ?? '', createdAt: row.created_at.toISOString() };
}
