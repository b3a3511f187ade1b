import type { SessionUser } from '../auth/sessions.js';
import { isSupervisorOrAdmin } from '../auth/plugin.js';
import { ForbiddenError, NotFoundError } from '../http/errors.js';
import type { CannedResponseRow } from './store.js';

/** Shared replies are the team's; a personal one is its owner's alone. */
export const canSeeCannedResponse = (user: SessionUser, row: Pick<CannedResponseRow, 'owner_user_id'>) => row.owner_user_id === null || row.owner_user_id === user.id;

/** Admins and supervisors manage the shared replies; every user manages their own personal ones. */
export function assertCanManageScope(user: SessionUser, scope: 'shared' | 'personal'): void {
  if (scope === 'shared' && !isSupervisorOrAdmin(user)) throw new ForbiddenError('Only admins and supervisors manage the shared quick replies; save it as a personal one.');
}

/** The reply if the user may change it; another agent's personal reply is a 404, so it is not revealed. */
export function assertCanManage(user: SessionUser, row: CannedResponseRow | undefined): CannedResponseRow {
  if (!row || !canSeeCannedResponse(user, row)) throw new NotFoundError('The quick reply');
  assertCanManageScope(user, row.owner_user_id === null ? 'shared' : 'personal');
  return row;
}
