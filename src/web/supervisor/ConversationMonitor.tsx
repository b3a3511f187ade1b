import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../shell/api';
import { Dialog } from '../shell/Dialog';
import { useRealtime } from '../shell/realtime';
import { useResource } from '../shell/use-resource';
import type { Message } from './types';

/** Watch a live conversation read-only; join it to write. */
export function ConversationMonitor({ conversationId, onClose }: { conversationId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const messages = useResource<{ items: Message[] }>(`/api/v1/conversations/${conversationId}/messages`);
  const [joined, setJoined] = useState(false);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  useRealtime((m) => {
    if (m.type.startsWith('message.') && m.data.message?.conversationId === conversationId) void messages.reload();
  });
  const act = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <Dialog open title={joined ? t('supervisor.monitor.joinedTitle') : t('supervisor.monitor.title')} onClose={onClose} className="sv-monitor">
      <p className="muted sv-small">{joined ? t('supervisor.monitor.joinedHelp') : t('supervisor.monitor.readOnly')}</p>
      <ol className="sv-thread" aria-live="polite" data-testid="monitor-thread">
        {(messages.data?.items ?? []).map((m) => (
          <li key={m.id} className={`sv-bubble ${m.direction}`}>
            <span>{m.body}</span>
            {m.media.filter((x) => x.url).map((x) => <a key={x.id} href={x.url!} target="_blank" rel="noreferrer">{x.filename ?? x.contentType}</a>)}
            <time className="muted sv-small">{new Date(m.createdAt).toLocaleTimeString()}</time>
          </li>
        ))}
      </ol>
      {error && <p role="alert" className="sv-error">{error}</p>}
      {joined ? (
        <form
          className="sv-compose"
          onSubmit={(e) => {
            e.preventDefault();
            if (!draft.trim()) return;
            void act(async () => {
              await api('POST', `/api/v1/conversations/${conversationId}/messages`, { body: { body: draft } });
              setDraft('');
              await messages.reload();
            });
          }}
        >
          <label className="sv-visually-hidden" htmlFor="sv-draft">{t('supervisor.monitor.message')}</label>
          <input id="sv-draft" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder={t('supervisor.monitor.message')} />
          <button type="submit" className="primary">{t('supervisor.monitor.send')}</button>
        </form>
      ) : (
        <button type="button" className="primary" onClick={() => void act(async () => { await api('POST', `/api/v1/conversations/${conversationId}/join`); setJoined(true); })}>
          {t('supervisor.monitor.join')}
        </button>
      )}
      <div className="form-actions">
        <a href={`/api/v1/conversations/${conversationId}/transcript?format=text&download=true`}>{t('supervisor.transcripts.downloadText')}</a>
        <button type="button" onClick={onClose}>{t('common.close')}</button>
      </div>
    </Dialog>
  );
}
