import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shell/api';
import type { AccountView } from '../types';

/**
 * Leaving the setup wizard. Before anything is saved it simply leaves; once the account is saved,
 * it asks whether to delete it or keep it to finish later, so Cancel never leaves a surprise behind.
 */
export function CancelWizard({ account }: { account: AccountView | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const leave = () => navigate('/admin/accounts');
  async function deleteAndLeave() {
    try {
      await api('DELETE', `/api/v1/messaging-accounts/${account!.id}`);
      leave();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.networkError'));
    }
  }
  if (!asking) return <button type="button" onClick={() => (account ? setAsking(true) : leave())}>{t('common.cancel')}</button>;
  return (
    <span className="confirm-inline" role="group" aria-label={t('common.cancel')}>
      <span>{t('admin.accounts.cancelSaved', { name: account!.name })}</span>
      <button type="button" className="danger" onClick={() => void deleteAndLeave()}>{t('admin.accounts.cancelDelete')}</button>
      <button type="button" onClick={leave}>{t('admin.accounts.cancelKeep')}</button>
      <button type="button" onClick={() => { setAsking(false); setError(null); }}>{t('admin.accounts.cancelStay')}</button>
      {error && <span className="error" role="alert">{error}</span>}
    </span>
  );
}
