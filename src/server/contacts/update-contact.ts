import type { AppContext } from '../context.js';
import type { Executor } from '../db/database.js';
import type { SessionUser } from '../auth/sessions.js';
import { isSupervisorOrAdmin } from '../auth/plugin.js';
import { NotFoundError } from '../http/errors.js';
import { queueIdsOf } from '../users/store.js';
import { canSeeConversation } from '../conversations/policy.js';
import { conversationEvent } from '../conversations/realtime-events.js';
import type { ContactView, UpdateContactBody } from './schema.js';

/** Supervisors and admins edit any customer; an agent only one whose conversation they can see. */
async function assertCanEditContact(db: Executor, user: SessionUser, contactId: string): Promise<void> {
  if (isSupervisorOrAdmin(user)) return;
  const conversations = await db.selectFrom('conversations').select(['id', 'queue_id', 'assigned_agent_id']).where('contact_id', '=', contactId).execute();
  const queueIds = await queueIdsOf(db, user.id);
  if (conversations.some((c) => canSeeConversation(user, c, queueIds))) return;
  const ids = conversations.map((c) => c.id);
  const participant = ids.length
    ? await db.selectFrom('conversation_participants').select('conversation_id').where('conversation_id', 'in', ids).where('user_id', '=', user.id).executeTakeFirst()
    : undefined;
  if (!participant) throw new NotFoundError('The customer');
}

export async function updateContact(ctx: AppContext, user: SessionUser, contactId: string, input: UpdateContactBody): Promise<ContactView> {
  const exists = await ctx.db.selectFrom('contacts').select('id').where('id', '=', contactId).executeTakeFirst();
  if (!exists) throw new NotFoundError('The customer');
  await assertCanEditContact(ctx.db, user, contactId);
  const name = input.name === undefined ? undefined : input.name?.trim() || null;
  const row = await ctx.db
    .updateTable('contacts')
    .set({
      ...(name !== undefined ? { name } : {}),
      ...(input.language !== undefined ? { language: input.language } : {}),
      ...(input.attributes !== undefined ? { attributes: JSON.stringify(trimmed(input.attributes)) } : {}),
    })
    .where('id', '=', contactId)
    .returningAll()
    .executeTakeFirstOrThrow();
  const open = await ctx.db.selectFrom('conversations').select('id').where('contact_id', '=', contactId).where('state', '<>', 'closed').execute();
  for (const c of open) ctx.events.publish(await conversationEvent(ctx.db, c.id, 'conversation.updated'));
  return presentContact(ctx.db, row);
}

export async function loadContact(db: Executor, user: SessionUser, contactId: string): Promise<ContactView> {
  const row = await db.selectFrom('contacts').selectAll().where('id', '=', contactId).executeTakeFirst();
  if (!row) throw new NotFoundError('The customer');
  await assertCanEditContact(db, user, contactId);
  return presentContact(db, row);
}

const trimmed = (attributes: Record<string, string>) => Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k.trim(), v.trim()]));

async function presentContact(db: Executor, row: { id: string; phone: string; name: string | null; profile_name: string | null; language: string | null; attributes: unknown }): Promise<ContactView> {
  const attributes = (typeof row.attributes === 'string' ? JSON.parse(row.attributes) : row.attributes) as Record<string, string>;
  const addresses = await db.selectFrom('contact_addresses').select(['channel', 'address']).where('contact_id', '=', row.id).orderBy('channel').orderBy('address').execute();
  return { id: row.id, phone: row.phone, name: row.name, profileName: row.profile_name, language: row.language, attributes: attributes ?? {}, addresses };
}
