import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shell/api';
import { Dialog } from '../../shell/Dialog';
import type { UserView } from '../types';
import { useResource } from '../../shell/use-resource';
import { ImpactSummary } from '../RemoveAction';
import type { Impact } from '../../../server/lifecycle/impact';

/**
 * Deactivate or reactivate a user, after a confirmation that says what happens. The server refuses
 * to deactivate the last active admin; its sentence is shown in the dialog.
 */
export function UserAccessButton({ user, onChanged }: { user: UserView; onChanged: (u: UserView) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const deactivating = !user.disabled;
  const impact = useResource<Impact>(open && deactivating ? `/api/v1/users/${user.id}/impact` : null);
  const refused = impact.data?.outcome === 'refused';

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      onChanged(await api<UserView>('PATCH', `/api/v1/users/${user.id}`, { body: { disabled: deactivating } }));
      setOpen(false);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.networkError'));
    } finally {
      setBusy(false);
    }
  }

  const title = t(deactivating ? 'admin.users.deactivateTitle' : 'admin.users.reactivateTitle', { name: user.name });
  return (
    <>
      <button type="button" className={deactivating ? 'danger small' : 'small'} onClick={() => { setError(null); setOpen(true); }}
        aria-label={t(deactivating ? 'admin.users.deactivateLabel' : 'admin.users.reactivateLabel', { name: user.name })}>
        {t(deactivating ? 'admin.users.deactivate' : 'admin.users.reactivate')}
      </button>
      <Dialog open={open} title={title} onClose={() => setOpen(false)}>
        {deactivating ? (
          <>
            <p>{t('admin.users.deactivateIntro')}</p>
            <ul>
              <li>{t('admin.users.deactivateSessions')}</li>
              <li>{t('admin.users.deactivateSignIn')}</li>
              <li>{t('admin.users.deactivateWork')}</li>
              <li>{t('admin.users.deactivateHistory')}</li>
            </ul>
            {impact.data && <ImpactSummary impact={impact.data} subject="user" />}
          </>
        ) : (
          <p>{t('admin.users.reactivateIntro')}</p>
        )}
        {error && <p className="form-error" role="alert">{error}</p>}
        <div className="form-actions">
          <button type="button" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
          <button type="button" className={deactivating ? 'danger' : 'primary'} onClick={() => void confirm()} disabled={busy || refused || (deactivating && !impact.data)}>
            {t(deactivating ? 'admin.users.deactivateYes' : 'admin.users.reactivateYes')}
          </button>
        </div>
      </Dialog>
    </>
  );
}
