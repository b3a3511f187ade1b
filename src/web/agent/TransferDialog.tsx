import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../shell/api';
import type { Conversation, Queue } from './types';
import { usePeople } from './people';
import { errorText } from './errors';

type Props = { conversationId: string; myId: string; onDone(conversation: Conversation): void; onCancel(): void };

/** Transfer to a queue or, when the caller may list people, to an agent (routing's POST …/transfer). */
export function TransferDialog({ conversationId, myId, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const [queues, setQueues] = useState<Queue[]>([]);
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    first.current?.focus();
    api<{ items: Queue[] }>('GET', '/api/v1/queues').then((a) => setQueues(a.items), (err) => setError(errorText(err, t)));
  }, [t]);
  const agents = usePeople()?.filter((p) => p.id !== myId && p.role !== 'admin');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const [kind, id] = target.split(':');
    if (!id) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await api<Conversation>('POST', `/api/v1/conversations/${conversationId}/transfer`, { body: kind === 'queue' ? { queueId: id } : { agentId: id } }));
    } catch (err) {
      setError(errorText(err, t));
      setBusy(false);
    }
  }

  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <form className="modal card" role="dialog" aria-modal="true" aria-labelledby="transfer-title" onSubmit={submit}>
        <h2 id="transfer-title">{t('agent.transfer.title')}</h2>
        <label>
          {t('agent.transfer.target')}
          <select ref={first} value={target} onChange={(e) => setTarget(e.target.value)} required>
            <option value="">{t('agent.transfer.choose')}</option>
            <optgroup label={t('agent.transfer.queues')}>
              {queues.map((q) => <option key={q.id} value={`queue:${q.id}`}>{q.name}</option>)}
            </optgroup>
            {agents && agents.length > 0 && (
              <optgroup label={t('agent.transfer.agents')}>
                {agents.map((a) => <option key={a.id} value={`agent:${a.id}`}>{a.name} · {t(`agent.presence.${a.presence}`, { defaultValue: a.presence })}</option>)}
              </optgroup>
            )}
          </select>
        </label>
        {error && <p role="alert" className="error">{error}</p>}
        <div className="modal-actions">
          <button type="submit" className="primary" disabled={busy || !target}>{busy ? t('common.working') : t('agent.transfer.submit')}</button>
          <button type="button" onClick={onCancel}>{t('common.cancel')}</button>
        </div>
      </form>
    </div>
  );
}
