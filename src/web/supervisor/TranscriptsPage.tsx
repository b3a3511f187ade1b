import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../shell/api';
import { useAuth } from '../shell/auth';
import { EraseCustomerButton } from './DataPage';
import { queryOf } from './format';
import type { SearchHit } from './types';

export function TranscriptsPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const [form, setForm] = useState({ customer: '', number: '', text: '', from: '', to: '' });
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const search = async () => {
    setError(null);
    try {
      setHits((await api<{ items: SearchHit[] }>('GET', `/api/v1/transcripts?${queryOf(form)}`)).items);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div className="sv-page">
      <h1>{t('supervisor.transcripts.title')}</h1>
      <form className="sv-filters" onSubmit={(e) => { e.preventDefault(); void search(); }} role="search">
        <label>{t('supervisor.transcripts.customer')}<input value={form.customer} onChange={set('customer')} /></label>
        <label>{t('supervisor.transcripts.number')}<input value={form.number} onChange={set('number')} inputMode="tel" /></label>
        <label>{t('supervisor.transcripts.text')}<input value={form.text} onChange={set('text')} /></label>
        <label>{t('supervisor.history.from')}<input type="date" value={form.from} onChange={set('from')} /></label>
        <label>{t('supervisor.history.to')}<input type="date" value={form.to} onChange={set('to')} /></label>
        <button type="submit" className="primary">{t('supervisor.transcripts.search')}</button>
      </form>
      {error && <p role="alert" className="sv-error">{error}</p>}
      {hits && (hits.length === 0 ? <p className="muted">{t('supervisor.transcripts.none')}</p> : (
        <table className="sv-table" data-testid="search-results">
          <thead>
            <tr>
              <th scope="col">{t('supervisor.floor.customer')}</th>
              <th scope="col">{t('supervisor.channel')}</th>
              <th scope="col">{t('supervisor.floor.state')}</th>
              <th scope="col">{t('supervisor.live.agent')}</th>
              <th scope="col">{t('supervisor.transcripts.started')}</th>
              <th scope="col">{t('supervisor.transcripts.match')}</th>
              <th scope="col">{t('supervisor.transcripts.transcript')}</th>
            </tr>
          </thead>
          <tbody>
            {hits.map((h) => (
              <tr key={h.conversationId}>
                <th scope="row">{h.customer.name ?? h.customer.phone} <span className="muted sv-small">{h.customer.phone}</span></th>
                <td>{t(`supervisor.channels.${h.channel}`, { defaultValue: h.channel })}</td>
                <td>{t(`common.state.${h.state}`, { defaultValue: h.state })}</td>
                <td>{h.agent ?? '—'}</td>
                <td>{new Date(h.createdAt).toLocaleString()}</td>
                <td>{h.snippet ?? t('supervisor.transcripts.messages', { count: h.messageCount })}</td>
                <td className="inline-actions">
                  <a href={`/api/v1/conversations/${h.conversationId}/transcript?format=text`} target="_blank" rel="noreferrer">{t('supervisor.transcripts.view')}</a>
                  <a href={`/api/v1/conversations/${h.conversationId}/transcript?format=text&download=true`}>{t('supervisor.transcripts.downloadText')}</a>
                  <a href={`/api/v1/conversations/${h.conversationId}/transcript?format=json&download=true`}>{t('supervisor.transcripts.downloadJson')}</a>
                  {me?.role === 'admin' && (
                    <EraseCustomerButton contactId={h.customer.id} customer={h.customer.name ?? h.customer.phone} onErased={() => void search()} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}
