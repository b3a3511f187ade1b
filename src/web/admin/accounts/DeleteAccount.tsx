import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shell/api';
import { Dialog } from '../../shell/Dialog';
import { useResource } from '../../shell/use-resource';
import { useCanEdit } from '../ui';
import { ImpactSummary } from '../RemoveAction';
import type { AccountView } from '../types';
import type { Impact } from '../../../server/lifecycle/impact';

/**
 * Deleting an account stops intake on its numbers and keeps every conversation. What it affects is
 * read first; workstreams that answer on its numbers are left without one once the admin confirms
 * (the Overview then says so until they get another), so deleting is never a dead end.
 */
export function DeleteAccount({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canEdit = useCanEdit();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const impact = useResource<Impact>(open ? `/api/v1/messaging-accounts/${account.id}/impact` : null);

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await api('DELETE', `/api/v1/messaging-accounts/${account.id}?detachWorkstreams=true`);
      navigate('/admin/accounts');
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.networkError'));
    } finally {
      setBusy(false);
    }
  }

  if (!canEdit) return null;
  return (
    <section className="card danger-zone" aria-labelledby="delete-title">
      <h2 id="delete-title">{t('admin.accounts.deleteTitle')}</h2>
      <p className="muted">{t('admin.accounts.deleteIntro')}</p>
      <button type="button" className="danger" onClick={() => { setOpen(true); setError(null); }}>{t('admin.accounts.delete')}</button>
      <Dialog open={open} title={t('admin.accounts.deleteConfirmTitle', { name: account.name })} onClose={() => setOpen(false)}>
        {impact.error ? (
          <p className="form-error" role="alert">{impact.error.message || t('common.networkError')}</p>
        ) : !impact.data ? (
          <p className="loading" role="status">{t('admin.accounts.checkingDependents')}</p>
        ) : (
          <>
            <p>{t('admin.accounts.deleteConsequences', { count: account.numbers.length })}</p>
            <ImpactSummary impact={impact.data} subject="account" />
          </>
        )}
        {error && <p className="form-error" role="alert">{error}</p>}
        <div className="form-actions">
          <button type="button" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
          {impact.data && (
            <button type="button" className="danger" onClick={() => void remove()} disabled={busy}>{t('admin.accounts.deleteYes')}</button>
          )}
        </div>
      </Dialog>
    </section>
  );
}
