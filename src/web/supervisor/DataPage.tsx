import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../shell/api';
import { useResource } from '../shell/use-resource';

type Retention = { retentionDays: number | null; lastPurgeAt: string | null };
type Purge = { messages: number; mediaFiles: number };

/** Admins: how long message bodies and media are kept, and purging now. */
export function DataPage() {
  const { t } = useTranslation();
  const settings = useResource<Retention>('/api/v1/retention');
  const [days, setDays] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = settings.data;
  const value = days ?? (current?.retentionDays === null || current === undefined ? '' : String(current.retentionDays));
  const act = async (action: () => Promise<void>) => {
    setError(null);
    setNotice(null);
    try {
      await action();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div className="sv-page">
      <h1>{t('supervisor.data.title')}</h1>
      <section className="sv-card" aria-labelledby="sv-retention">
        <h2 id="sv-retention">{t('supervisor.data.retention')}</h2>
        <p className="muted">{t('supervisor.data.retentionHelp')}</p>
        <form
          className="sv-filters"
          onSubmit={(e) => {
            e.preventDefault();
            void act(async () => {
              settings.setData(await api<Retention>('PUT', '/api/v1/retention', { body: { retentionDays: value === '' ? null : Number(value) } }));
              setDays(null);
              setNotice(t('supervisor.data.saved'));
            });
          }}
        >
          <label>
            {t('supervisor.data.days')}
            <input type="number" min={1} max={3650} value={value} placeholder={t('supervisor.data.forever')} onChange={(e) => setDays(e.target.value)} />
          </label>
          <button type="submit" className="primary">{t('common.save')}</button>
          <button
            type="button"
            disabled={!current?.retentionDays}
            onClick={() => void act(async () => {
              const result = await api<Purge>('POST', '/api/v1/retention/purge');
              setNotice(t('supervisor.data.purged', { messages: result.messages, files: result.mediaFiles }));
              await settings.reload();
            })}
          >
            {t('supervisor.data.purgeNow')}
          </button>
        </form>
        <p className="muted sv-small">{current?.lastPurgeAt ? t('supervisor.data.lastPurge', { at: new Date(current.lastPurgeAt).toLocaleString() }) : t('supervisor.data.neverPurged')}</p>
        {notice && <p role="status" className="notice ok">{notice}</p>}
        {error && <p role="alert" className="sv-error">{error}</p>}
      </section>
      <section className="sv-card">
        <h2>{t('supervisor.data.erasure')}</h2>
        <p className="muted">{t('supervisor.data.erasureHelp')}</p>
      </section>
    </div>
  );
}

/** Erase one customer (GDPR request), asked twice in place: it cannot be undone. */
export function EraseCustomerButton({ contactId, customer, onErased }: { contactId: string; customer: string; onErased: () => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!asking) return <button type="button" className="danger" onClick={() => setAsking(true)}>{t('supervisor.data.erase')}</button>;
  return (
    <span role="group" aria-label={t('supervisor.data.confirmErase', { customer })} className="sv-confirm">
      <button
        type="button"
        className="danger"
        onClick={() => void api('POST', `/api/v1/contacts/${contactId}/erase`).then(onErased, (err: Error) => setError(err.message))}
      >
        {t('supervisor.data.confirmEraseButton', { customer })}
      </button>
      <button type="button" onClick={() => setAsking(false)}>{t('common.cancel')}</button>
      {error && <span role="alert" className="sv-error">{error}</span>}
    </span>
  );
}
