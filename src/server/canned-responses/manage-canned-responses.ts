import type { AppContext } from '../context.js';
import type { Executor } from '../db/database.js';
import type { SessionUser } from '../auth/sessions.js';
import { ConflictError, ValidationError } from '../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { changesBetween, settingsOf } from '../audit/changes.js';
import { normalizeShortcut, SHORTCUT_PATTERN, unknownPlaceholders } from '../../shared/quick-reply-text.js';
import type { CannedResponseView, CreateCannedResponseBody, UpdateCannedResponseBody } from './schema.js';
import { isUniqueViolation } from '../db/errors.js';
import { findCannedResponse, findShortcutClash, presentCannedResponse } from './store.js';
import { assertCanManage, assertCanManageScope } from './policy.js';

const ENTITY = 'canned-response';
const shortcutRule = new RegExp(SHORTCUT_PATTERN);

function cleanShortcut(input: string): string {
  const shortcut = normalizeShortcut(input);
  if (!shortcutRule.test(shortcut)) throw new ValidationError('A shortcut is 1 to 32 lowercase letters, digits, "-" or "_", starting with a letter or digit (for example "greet").', 'shortcut');
  return shortcut;
}

function cleanTitle(input: string): string {
  const title = input.trim();
  if (!title) throw new ValidationError('Give the quick reply a title.', 'title');
  return title;
}

function cleanBody(input: string): string {
  if (!input.trim()) throw new ValidationError('The text of the quick reply is empty.', 'body');
  const unknown = unknownPlaceholders(input);
  if (unknown.length) throw new ValidationError(`Unknown placeholder ${unknown.map((p) => `{${p}}`).join(', ')}: use {CustomerName} or {AgentName}.`, 'body');
  return input;
}

async function assertShortcutFree(db: Executor, shortcut: string, ownerUserId: string | null, exceptId?: string) {
  const clash = await findShortcutClash(db, shortcut, ownerUserId, exceptId);
  if (!clash) return;
  const whose = clash.owner_user_id === null ? 'a shared quick reply' : 'one of your quick replies';
  throw new ConflictError('SHORTCUT_TAKEN', `The shortcut "/${shortcut}" is already used by ${whose} ("${clash.title}").`, { field: 'shortcut' });
}

/** A second writer racing for the same shortcut meets the unique index: say it the same way. */
async function unlessTaken<T>(shortcut: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError('SHORTCUT_TAKEN', `The shortcut "/${shortcut}" is already used.`, { field: 'shortcut' });
    throw err;
  }
}

export async function createCannedResponse(ctx: AppContext, user: SessionUser, input: CreateCannedResponseBody): Promise<CannedResponseView> {
  assertCanManageScope(user, input.scope);
  const owner = input.scope === 'shared' ? null : user.id;
  const values = { shortcut: cleanShortcut(input.shortcut), title: cleanTitle(input.title), body: cleanBody(input.body), language: input.language ?? null, owner_user_id: owner };
  return unlessTaken(values.shortcut, () =>
    ctx.db.transaction().execute(async (tx) => {
      await assertShortcutFree(tx, values.shortcut, owner);
      const row = await tx.insertInto('canned_responses').values(values).returningAll().executeTakeFirstOrThrow();
      const created = presentCannedResponse(row);
      await recordAudit(tx, user, { verb: 'created', entityType: ENTITY, entityId: row.id, entityName: `/${row.shortcut}`, changes: settingsOf({ ...created, ownerUserId: undefined }) });
      return created;
    }),
  );
}

export async function updateCannedResponse(ctx: AppContext, user: SessionUser, id: string, input: UpdateCannedResponseBody): Promise<CannedResponseView> {
  return unlessTaken(input.shortcut ?? '', () =>
    ctx.db.transaction().execute(async (tx) => {
      const current = assertCanManage(user, await findCannedResponse(tx, id, { forUpdate: true }));
      const shortcut = input.shortcut === undefined ? current.shortcut : cleanShortcut(input.shortcut);
      if (shortcut !== current.shortcut) await assertShortcutFree(tx, shortcut, current.owner_user_id, id);
      const row = await tx
        .updateTable('canned_responses')
        .set({
          shortcut,
          ...(input.title !== undefined ? { title: cleanTitle(input.title) } : {}),
          ...(input.body !== undefined ? { body: cleanBody(input.body) } : {}),
          ...(input.language !== undefined ? { language: input.language } : {}),
          updated_at: ctx.now(),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const before = presentCannedResponse(current);
      const after = presentCannedResponse(row);
      await recordAudit(tx, user, { verb: 'updated', entityType: ENTITY, entityId: id, entityName: `/${row.shortcut}`, changes: changesBetween(before, after) });
      return after;
    }),
  );
}

export async function deleteCannedResponse(ctx: AppContext, user: SessionUser, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const current = assertCanManage(user, await findCannedResponse(tx, id, { forUpdate: true }));
    await tx.deleteFrom('canned_responses').where('id', '=', id).execute();
    await recordAudit(tx, user, { verb: 'deleted', entityType: ENTITY, entityId: id, entityName: `/${current.shortcut}` });
  });
}
