import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shell/api';
import { Dialog } from '../../shell/Dialog';
import { useResource } from '../../shell/use-resource';
import { useCanEdit } from '../ui';
import { channelSettings, type AccountView, type Dependent, type Items, type WorkstreamView } from '../types';

/**
 * Deleting an account stops intake on its numbers and keeps every conversation. The workstreams
 * that use its numbers are listed first; while there are any, deletion is not offered.
 */
export function DeleteAccount({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canEdit = useCanEdit();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [serverDependents, setServerDependents] = useState<Dependent[] | null>(null);
  const workstreams = useResource<Items<WorkstreamView>>(open ? '/api/v1/workstreams' : null);
  const numberIds = new Set(account.numbers.map((n) => n.id));
  const checking = !serverDependents && !workstreams.data && !workstreams.error;
  const dependents: Dependent[] = serverDependents ?? (workstreams.data?.items.filter((w) => numberIds.has(channelSettings(w).numberId ?? '')) ?? []);

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await api('DELETE', `/api/v1/messaging-accounts/${account.id}`);
      navigate('/admin/accounts');
    } catch (err) {
      if (err instanceof ApiError && Array.isArray(err.details.dependents)) setServerDependents(err.details.dependents as Dependent[]);
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
      <button type="button" className="danger" onClick={() => { setOpen(true); setServerDependents(null); setError(null); }}>{t('admin.accounts.delete')}</button>
      <Dialog open={open} title={t('admin.accounts.deleteConfirmTitle', { name: account.name })} onClose={() => setOpen(false)}>
        {checking ? (
          <p className="loading" role="status">{t('admin.accounts.checkingDependents')}</p>
        ) : dependents.length > 0 ? (
          <>
            <p>{t('admin.accounts.dependentsIntro')}</p>
            <ul>
              {dependents.map((d) => <li key={d.id}><Link to={`/admin/workstreams/${d.id}`}>{d.name}</Link></li>)}
            </ul>
          </>
        ) : (
          <p>{t('admin.accounts.deleteConsequences', { count: account.numbers.length })}</p>
        )}
        {error && <p className="form-error" role="alert">{error}</p>}
        <div className="form-actions">
          <button type="button" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
          {dependents.length === 0 && !checking && (
            <button type="button" className="danger" onClick={() => void remove()} disabled={busy}>{t('admin.accounts.deleteYes')}</button>
          )}
        </div>
      </Dialog>
    </section>
  );
}
