import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../shell/api';
import { usePeople, type Participant } from './people';
import { errorText } from './errors';

type Props = { conversationId: string; myId: string; assigneeId: string | null; onClose(): void };

/** Consult: invite a colleague to read along, let them write (participant), or remove them. */
export function ConsultDialog({ conversationId, myId, assigneeId, onClose }: Props) {
  const { t } = useTranslation();
  const people = usePeople();
  const [participants, setParticipants] = useState<Participant[] | null>(null);
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLSelectElement>(null);
  const path = `/api/v1/conversations/${conversationId}`;

  useEffect(() => {
    first.current?.focus();
    api<{ items: Participant[] }>('GET', `${path}/participants`).then((a) => setParticipants(a.items), (err) => setError(errorText(err, t)));
  }, [path, t]);

  async function run(method: string, url: string, body?: unknown) {
    setBusy(true);
    setError(null);
    try {
      setParticipants((await api<{ items: Participant[] }>(method, url, body === undefined ? {} : { body })).items);
      return true;
    } catch (err) {
      setError(errorText(err, t));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function invite(e: FormEvent) {
    e.preventDefault();
    if (target && (await run('POST', `${path}/consult`, { agentId: target }))) setTarget('');
  }

  const taken = new Set([myId, assigneeId, ...(participants ?? []).map((p) => p.userId)]);
  const candidates = (people ?? []).filter((p) => !taken.has(p.id) && p.role !== 'admin');
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="modal card" role="dialog" aria-modal="true" aria-labelledby="consult-title">
        <h2 id="consult-title">{t('agent.consult.title')}</h2>
        <p className="muted">{t('agent.consult.explain')}</p>
        <ul className="participants" aria-label={t('agent.consult.current')}>
          {participants?.length === 0 && <li className="muted">{t('agent.consult.nobody')}</li>}
          {participants?.map((p) => (
            <li key={p.userId}>
              <span>{p.name} · {t(`agent.consult.mode.${p.mode}`)}</span>
              {p.mode === 'consult' && (
                <button type="button" disabled={busy} onClick={() => void run('POST', `${path}/participants/${p.userId}`)}>{t('agent.consult.letWrite')}</button>
              )}
              <button type="button" disabled={busy} aria-label={t('agent.consult.remove', { name: p.name })} onClick={() => void run('DELETE', `${path}/participants/${p.userId}`)}>✕</button>
            </li>
          ))}
        </ul>
        <form onSubmit={invite} className="consult-invite">
          <label>
            {t('agent.consult.who')}
            <select ref={first} value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">{t('agent.consult.choose')}</option>
              {candidates.map((p) => <option key={p.id} value={p.id}>{p.name} · {t(`common.presence.${p.presence}`, { defaultValue: p.presence })}</option>)}
            </select>
          </label>
          <button type="submit" className="primary" disabled={busy || !target}>{t('agent.consult.invite')}</button>
        </form>
        {error && <p role="alert" className="error">{error}</p>}
        <div className="modal-actions">
          <button type="button" onClick={onClose}>{t('common.close')}</button>
        </div>
      </div>
    </div>
  );
}
