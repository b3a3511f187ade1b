import type { Executor } from '../db/database.js';
import type { CannedResponsesTable } from '../db/schema.js';
import type { Selectable } from 'kysely';
import type { CannedResponseView } from './schema.js';

export type CannedResponseRow = Selectable<CannedResponsesTable>;

export function presentCannedResponse(row: CannedResponseRow): CannedResponseView {
  return {
    id: row.id,
    shortcut: row.shortcut,
    title: row.title,
    body: row.body,
    language: row.language,
    scope: row.owner_user_id === null ? 'shared' : 'personal',
    ownerUserId: row.owner_user_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The team's shared replies and the user's own, by shortcut (personal first on a tie). */
export async function listCannedResponsesFor(db: Executor, userId: string): Promise<CannedResponseRow[]> {
  return db
    .selectFrom('canned_responses')
    .selectAll()
    .where((eb) => eb.or([eb('owner_user_id', 'is', null), eb('owner_user_id', '=', userId)]))
    .orderBy('shortcut')
    .orderBy((eb) => eb('owner_user_id', 'is', null))
    .execute();
}

export async function findCannedResponse(db: Executor, id: string, opts: { forUpdate?: boolean } = {}): Promise<CannedResponseRow | undefined> {
  let query = db.selectFrom('canned_responses').selectAll().where('id', '=', id);
  if (opts.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Another reply the owner would see under this shortcut: a shared one, or the owner's own. */
export async function findShortcutClash(db: Executor, shortcut: string, ownerUserId: string | null, exceptId?: string): Promise<CannedResponseRow | undefined> {
  let query = db
    .selectFrom('canned_responses')
    .selectAll()
    .where('shortcut', '=', shortcut)
    .where((eb) => (ownerUserId === null ? eb('owner_user_id', 'is', null) : eb.or([eb('owner_user_id', 'is', null), eb('owner_user_id', '=', ownerUserId)])));
  if (exceptId) query = query.where('id', '<>', exceptId);
  return query.executeTakeFirst();
}

