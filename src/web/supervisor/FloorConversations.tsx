import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../shell/api';
import { formatSeconds } from './format';
import type { LiveConversation, Named } from './types';

/** Every live conversation on the floor, with what a supervisor can do to each. */
export function FloorConversations({ conversations, queues, agents, onMonitor, onChanged }: {
  conversations: LiveConversation[];
  queues: Named[];
  agents: Named[];
  onMonitor: (id: string) => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  // Force close asks once more in place: it takes the conversation from the agent for good.
  const [closing, setClosing] = useState<string | null>(null);
  const nameOf = (list: Named[], id: string | null) => list.find((x) => x.id === id)?.name ?? '—';
  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      onChanged();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <section className="sv-card" aria-labelledby="sv-floor">
      <h2 id="sv-floor">{t('supervisor.floor.title')}</h2>
      {error && <p role="alert" className="sv-error">{error}</p>}
      {conversations.length === 0 ? (
        <p className="muted">{t('supervisor.floor.empty')}</p>
      ) : (
        <table className="sv-table" data-testid="floor-table">
          <thead>
            <tr>
              <th scope="col">{t('supervisor.floor.customer')}</th>
              <th scope="col">{t('supervisor.floor.state')}</th>
              <th scope="col">{t('supervisor.live.queue')}</th>
              <th scope="col">{t('supervisor.live.agent')}</th>
              <th scope="col">{t('supervisor.floor.since')}</th>
              <th scope="col">{t('supervisor.floor.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {conversations.map((c) => {
              const customer = c.customer.name ?? c.customer.profileName ?? c.customer.phone;
              return (
                <tr key={c.id} data-customer={customer}>
                  <th scope="row">{customer} <span className="muted sv-small">{c.customer.phone}</span></th>
                  <td data-cell="state">{t(`common.state.${c.state}`, { defaultValue: c.state })}</td>
                  <td>{nameOf(queues, c.queueId)}</td>
                  <td data-cell="agent">{nameOf(agents, c.assignedAgentId)}</td>
                  <td>{formatSeconds((Date.now() - new Date(c.createdAt).getTime()) / 1000)}</td>
                  <td>
                    <div className="inline-actions">
                      <button type="button" onClick={() => onMonitor(c.id)}>{t('supervisor.floor.monitor')}</button>
                      {c.state !== 'wrap-up' && <TransferPicker customer={customer} queues={queues} agents={agents} onTransfer={(body) => run(() => api('POST', `/api/v1/conversations/${c.id}/transfer`, { body }))} />}
                      {closing === c.id ? (
                        <span role="group" aria-label={t('supervisor.floor.confirmClose', { customer })} className="sv-confirm">
                          <button type="button" className="danger" onClick={() => void run(() => api('POST', `/api/v1/conversations/${c.id}/close`)).then(() => setClosing(null))}>
                            {t('supervisor.floor.confirmCloseButton')}
                          </button>
                          <button type="button" onClick={() => setClosing(null)}>{t('common.cancel')}</button>
                        </span>
                      ) : (
                        <button type="button" className="danger" onClick={() => setClosing(c.id)}>{t('supervisor.floor.forceClose')}</button>
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Assign (to an agent) or transfer (to a queue or an agent): one picker, one button. */
function TransferPicker({ customer, queues, agents, onTransfer }: { customer: string; queues: Named[]; agents: Named[]; onTransfer: (body: { queueId: string } | { agentId: string }) => Promise<void> }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState('');
  return (
    <span className="sv-transfer">
      <select aria-label={t('supervisor.floor.transferTo', { customer })} value={target} onChange={(e) => setTarget(e.target.value)}>
        <option value="">{t('supervisor.floor.chooseTarget')}</option>
        <optgroup label={t('supervisor.floor.agents')}>
          {agents.map((a) => <option key={a.id} value={`agent:${a.id}`}>{a.name}</option>)}
        </optgroup>
        <optgroup label={t('supervisor.live.queues')}>
          {queues.map((q) => <option key={q.id} value={`queue:${q.id}`}>{q.name}</option>)}
        </optgroup>
      </select>
      <button
        type="button"
        disabled={!target}
        onClick={() => {
          const [kind, id] = target.split(':');
          void onTransfer(kind === 'agent' ? { agentId: id } : { queueId: id }).then(() => setTarget(''));
        }}
      >
        {t('supervisor.floor.transfer')}
      </button>
    </span>
  );
}
