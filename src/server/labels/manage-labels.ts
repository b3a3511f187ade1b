import type { AppContext } from '../context.js';
import type { Executor } from '../db/database.js';
import type { SessionUser } from '../auth/sessions.js';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors.js';
import { isUniqueViolation } from '../db/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { changesBetween, settingsOf } from '../audit/changes.js';
import { loadVisibleConversation } from '../conversations/policy.js';
import { addConversationEvent } from '../conversations/store.js';
import { conversationEvent } from '../conversations/realtime-events.js';
import type { CreateLabelBody, LabelView, UpdateLabelBody } from './schema.js';

const ENTITY = 'label';

export async function listLabels(db: Executor): Promise<LabelView[]> {
  return db.selectFrom('labels').select(['id', 'name', 'color']).orderBy(({ fn }) => fn('lower', ['name'])).execute();
}

async function getLabel(db: Executor, id: string): Promise<LabelView> {
  const label = await db.selectFrom('labels').select(['id', 'name', 'color']).where('id', '=', id).executeTakeFirst();
  if (!label) throw new NotFoundError('The label');
  return label;
}

/** Two labels with one name (whatever the case) would be one filter showing two things. */
async function unlessNameTaken<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError('LABEL_NAME_TAKEN', `A label named "${name}" already exists.`, { field: 'name' });
    throw err;
  }
}

export async function createLabel(ctx: AppContext, user: SessionUser, input: CreateLabelBody): Promise<LabelView> {
  const name = input.name.trim();
  const label = await unlessNameTaken(name, () =>
    ctx.db.insertInto('labels').values({ name, color: input.color.toLowerCase() }).returning(['id', 'name', 'color']).executeTakeFirstOrThrow(),
  );
  await recordAudit(ctx.db, user, { verb: 'created', entityType: ENTITY, entityId: label.id, entityName: label.name, changes: settingsOf({ name: label.name, color: label.color }) });
  return label;
}

export async function updateLabel(ctx: AppContext, user: SessionUser, id: string, input: UpdateLabelBody): Promise<LabelView> {
  const before = await getLabel(ctx.db, id);
  const name = input.name?.trim();
  const values = { ...(name !== undefined ? { name } : {}), ...(input.color !== undefined ? { color: input.color.toLowerCase() } : {}) };
  if (Object.keys(values).length) await unlessNameTaken(name ?? before.name, () => ctx.db.updateTable('labels').set(values).where('id', '=', id).execute());
  const after = await getLabel(ctx.db, id);
  await recordAudit(ctx.db, user, { verb: 'updated', entityType: ENTITY, entityId: id, entityName: after.name, changes: changesBetween(before, after) });
  return after;
}

/** Deleting a label takes it off every conversation; the conversations' viewers hear of it. */
export async function deleteLabel(ctx: AppContext, user: SessionUser, id: string): Promise<void> {
  const label = await getLabel(ctx.db, id);
  const conversationIds = await ctx.db.transaction().execute(async (tx) => {
    const tagged = await tx.selectFrom('conversation_labels').select('conversation_id').where('label_id', '=', id).execute();
    await tx.deleteFrom('labels').where('id', '=', id).execute();
    // Touching the conversations raises their versions, so a viewer keeps the view without the label.
    for (const { conversation_id } of tagged) await tx.updateTable('conversations').set({ version: (eb) => eb('version', '+', 0) }).where('id', '=', conversation_id).execute();
    return tagged.map((t) => t.conversation_id);
  });
  await recordAudit(ctx.db, user, { verb: 'deleted', entityType: ENTITY, entityId: id, entityName: label.name });
  for (const conversationId of conversationIds) ctx.events.publish(await conversationEvent(ctx.db, conversationId, 'conversation.updated'));
}

/**
 * Labels are the team's notes about what a conversation was: anyone who may see the conversation
 * puts them on and takes them off, while it is live and after it is closed.
 */
export async function setConversationLabel(ctx: AppContext, user: SessionUser, conversationId: string, labelId: string, on: boolean): Promise<void> {
  const changed = await ctx.db.transaction().execute(async (tx) => {
    await loadVisibleConversation(tx, user, conversationId, { forUpdate: true });
    const label = await tx.selectFrom('labels').select(['id', 'name']).where('id', '=', labelId).executeTakeFirst();
    if (!label) {
      if (on) throw new ValidationError('The label does not exist.', 'labelId');
      throw new NotFoundError('The label');
    }
    const result = on
      ? await tx.insertInto('conversation_labels').values({ conversation_id: conversationId, label_id: labelId, added_by: user.id }).onConflict((oc) => oc.doNothing()).executeTakeFirst()
      : await tx.deleteFrom('conversation_labels').where('conversation_id', '=', conversationId).where('label_id', '=', labelId).executeTakeFirst();
    const rows = Number('numInsertedOrUpdatedRows' in result ? (result.numInsertedOrUpdatedRows ?? 0n) : result.numDeletedRows);
    if (!rows) return false;
    // The label is part of the conversation's view: its version must rise with it.
    await tx.updateTable('conversations').set({ version: (eb) => eb('version', '+', 0) }).where('id', '=', conversationId).execute();
    await addConversationEvent(tx, conversationId, on ? 'label-added' : 'label-removed', { labelId, name: label.name }, user.id);
    return true;
  });
  if (changed) ctx.events.publish(await conversationEvent(ctx.db, conversationId, 'conversation.updated'));
}
