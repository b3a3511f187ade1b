import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../shell/api';
import type { Conversation, Queue } from './types';
import type { Person } from './people';
import { errorText } from './errors';

type Props = { conversationId: string; myId: string; onDone(conversation: Conversation): void; onCancel(): void };

const NOTE_MAX = 500;

/**
 * Transfer to a queue or to an agent (routing's POST …/transfer), with a hand-over note the
 * receiving agent finds in the thread. Each agent shows presence and load, fetched when the dialog
 * opens (not the page's cached list), so the choice is made on who has room now.
 */
export function TransferDialog({ conversationId, myId, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const [queues, setQueues] = useState<Queue[]>([]);
  const [people, setPeople] = useState<Person[]>([]);
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    first.current?.focus();
    api<{ items: Queue[] }>('GET', '/api/v1/queues').then((a) => setQueues(a.items), (err) => setError(errorText(err, t)));
    api<{ items: Person[] }>('GET', '/api/v1/people').then((a) => setPeople(a.items), () => setPeople([]));
  }, [t]);
  const agents = people.filter((p) => p.id !== myId && p.role !== 'admin');
  const chosenAgent = target.startsWith('agent:') ? agents.find((a) => `agent:${a.id}` === target) : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const [kind, id] = target.split(':');
    if (!id) return;
    setBusy(true);
    setError(null);
    const handOver = note.trim() ? { note: note.trim() } : {};
    try {
      onDone(await api<Conversation>('POST', `/api/v1/conversations/${conversationId}/transfer`, { body: kind === 'queue' ? { queueId: id, ...handOver } : { agentId: id, ...handOver } }));
    } catch (err) {
      setError(errorText(err, t));
      setBusy(false);
    }
  }

  const load = (a: Person) => (a.used >= a.capacity ? t('agent.transfer.full', { used: a.used, total: a.capacity }) : t('agent.transfer.load', { used: a.used, total: a.capacity }));
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
            {agents.length > 0 && (
              <optgroup label={t('agent.transfer.agents')}>
                {agents.map((a) => (
                  <option key={a.id} value={`agent:${a.id}`}>
                    {a.name} · {t(`common.presence.${a.presence}`, { defaultValue: a.presence })} · {load(a)}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        {chosenAgent && (
          <p className="transfer-target" role="status">
            <span className={`presence-dot presence-${chosenAgent.presence}`} aria-hidden="true" /> {t(`common.presence.${chosenAgent.presence}`, { defaultValue: chosenAgent.presence })} · {load(chosenAgent)}
            <meter aria-label={t('agent.capacity.title')} min={0} max={Math.max(chosenAgent.capacity, 1)} value={Math.min(chosenAgent.used, chosenAgent.capacity)} high={chosenAgent.capacity * 0.8} />
          </p>
        )}
        <label>
          {t('agent.transfer.note')}
          <textarea value={note} onChange={(e) => setNote(e.target.value)} maxLength={NOTE_MAX} rows={3} placeholder={t('agent.transfer.notePlaceholder')} aria-describedby="transfer-note-hint" />
        </label>
        <p id="transfer-note-hint" className="hint muted">{t('agent.transfer.noteHint')}</p>
        {error && <p role="alert" className="error">{error}</p>}
        <div className="modal-actions">
          <button type="submit" className="primary" disabled={busy || !target}>{busy ? t('common.working') : t('agent.transfer.submit')}</button>
          <button type="button" onClick={onCancel}>{t('common.cancel')}</button>
        </div>
      </form>
    </div>
  );
}
