import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../shell/api';
import { Dialog } from '../shell/Dialog';
import { useResource } from '../shell/use-resource';
import type { Impact } from '../../server/lifecycle/impact';

/** The things an impact can be about; each words its effects its own way (admin.lifecycle.<subject>.<kind>). */
export type ImpactSubject = 'queue' | 'workstream' | 'profile' | 'user' | 'account';

/** A refusal in the reader's language when this build knows its code, else the server's sentence. */
export function useRefusalText(): (refusal: Impact['refusal']) => string | null {
  const { t, i18n } = useTranslation();
  return (refusal) => (refusal ? (i18n.exists(`admin.lifecycle.refusals.${refusal.code}`) ? t(`admin.lifecycle.refusals.${refusal.code}`) : refusal.message) : null);
}

/** What removing the thing does, as the server read it: its outcome, then what it touches, with names. */
export function ImpactSummary({ impact, subject }: { impact: Impact; subject: ImpactSubject }) {
  const { t } = useTranslation();
  const refusalText = useRefusalText();
  return (
    <div className="impact">
      {impact.refusal ? (
        <p className="form-error" role="alert">{refusalText(impact.refusal)}</p>
      ) : (
        // An account is always kept for its history; the dialog around it says so in its own words.
        subject !== 'account' && <p>{t(`admin.lifecycle.outcome.${impact.outcome}`)}</p>
      )}
      {impact.effects.length > 0 ? (
        <ul className="impact-effects">
          {impact.effects.map((e) => (
            <li key={e.kind}>
              {t(`admin.lifecycle.${subject}.${e.kind}`, { count: e.count })}
              {e.names.length > 0 && <>: <span className="impact-names">{e.names.join(', ')}{e.count > e.names.length ? ` ${t('admin.lifecycle.andMore', { count: e.count - e.names.length })}` : ''}</span></>}
            </li>
          ))}
        </ul>
      ) : (
        !impact.refusal && <p className="muted">{t('admin.lifecycle.nothingElse')}</p>
      )}
    </div>
  );
}

/**
 * Delete (or archive) with the impact shown first: the dialog reads GET {path}/impact, says what
 * will happen and to what, and offers the action only when the server would allow it.
 */
export function RemoveButton({ path, name, subject, onRemoved }: { path: string; name: string; subject: ImpactSubject; onRemoved: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const impact = useResource<Impact>(open ? `${path}/impact` : null);

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await api('DELETE', path);
      setOpen(false);
      onRemoved();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.networkError'));
      await impact.reload();
    } finally {
      setBusy(false);
    }
  }

  const outcome = impact.data?.outcome;
  return (
    <>
      <button type="button" className="danger small" onClick={() => { setError(null); setOpen(true); }} aria-label={t('admin.lifecycle.removeLabel', { name })}>
        {t('admin.lifecycle.remove')}
      </button>
      <Dialog open={open} title={t('admin.lifecycle.title', { name })} onClose={() => setOpen(false)}>
        {impact.error ? (
          <p className="form-error" role="alert">{impact.error.message || t('common.networkError')}</p>
        ) : !impact.data || impact.loading ? (
          <p className="loading" role="status">{t('admin.lifecycle.checking')}</p>
        ) : (
          <ImpactSummary impact={impact.data} subject={subject} />
        )}
        {error && <p className="form-error" role="alert">{error}</p>}
        <div className="form-actions">
          <button type="button" onClick={() => setOpen(false)}>{outcome === 'refused' ? t('admin.lifecycle.close') : t('common.cancel')}</button>
          {impact.data && !impact.loading && outcome !== 'refused' && (
            <button type="button" className="danger" onClick={() => void remove()} disabled={busy}>{t(`admin.lifecycle.confirm.${outcome}`)}</button>
          )}
        </div>
      </Dialog>
    </>
  );
}
