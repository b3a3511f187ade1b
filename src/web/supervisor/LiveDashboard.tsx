import { CHANNEL_IDS } from '../../shared/channel-ids';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BarChart } from './Chart';
import { ConversationMonitor } from './ConversationMonitor';
import { FloorConversations } from './FloorConversations';
import { formatPercent, formatSeconds, timelineLayout } from './format';
import { useLiveFloor } from './useLive';
import type { AgentLive, QueueLive } from './types';

const PRESENCES = ['available', 'busy', 'dnd', 'away', 'inactive', 'offline'] as const;

const CHANNEL_COLORS = ['#16a34a', '#db2777'];

export function LiveDashboard() {
  const { t } = useTranslation();
  const [monitoring, setMonitoring] = useState<string | null>(null);
  const [lastEvent, setLastEvent] = useState<string | null>(null);
  const [channel, setChannel] = useState('');
  const { live, conversations, connected, reload } = useLiveFloor((m) => setLastEvent(m.type), channel);
  const data = live.data;

  return (
    <div className="sv-page">
      <div className="sv-page-head">
        <h1>{t('supervisor.live.title')}</h1>
        <span className={connected ? 'sv-live on' : 'sv-live'} role="status" data-testid="live-status">
          {connected ? t('supervisor.live.connected') : t('supervisor.live.disconnected')}
        </span>
        {lastEvent && <span className="muted sv-small">{t('supervisor.live.lastEvent', { type: lastEvent })}</span>}
        <label className="sv-small">{t('supervisor.channel')}{' '}
          <select value={channel} onChange={(e) => setChannel(e.target.value)} data-testid="live-channel-filter">
            <option value="">{t('supervisor.history.all')}</option>
            {CHANNEL_IDS.map((c) => <option key={c} value={c}>{t(`supervisor.channels.${c}`)}</option>)}
          </select>
        </label>
      </div>
      {live.error && <p role="alert">{live.error.message}</p>}
      {!data ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <>
          <QueueTable queues={data.queues} />
          <section className="sv-card" aria-labelledby="sv-queue-chart">
            <h2 id="sv-queue-chart">{t('supervisor.live.chartTitle')}</h2>
            <BarChart
              title={t('supervisor.live.chartTitle')}
              labels={data.queues.map((q) => q.name)}
              series={[
                { label: t('supervisor.live.waiting'), values: data.queues.map((q) => q.waiting), color: '#d97706' },
                { label: t('supervisor.live.active'), values: data.queues.map((q) => q.active), color: '#0b6bcb' },
                { label: t('supervisor.live.wrapUp'), values: data.queues.map((q) => q.wrapUp), color: '#7c3aed' },
                // Waiting split by channel, one series each, when the floor shows every channel.
                ...(channel ? [] : CHANNEL_IDS.map((c, i) => ({
                  label: `${t('supervisor.live.waiting')} · ${t(`supervisor.channels.${c}`)}`,
                  values: data.queues.map((q) => q.waitingByChannel?.[c] ?? 0),
                  color: CHANNEL_COLORS[i % CHANNEL_COLORS.length],
                }))),
              ]}
            />
          </section>
          <FloorConversations
            conversations={(conversations.data?.items ?? []).filter((c) => !channel || c.channel === channel)}
            queues={data.queues.map((q) => ({ id: q.queueId, name: q.name }))}
            agents={data.agents.map((a) => ({ id: a.agentId, name: a.name }))}
            onMonitor={setMonitoring}
            onChanged={reload}
          />
          <AgentTable agents={data.agents} at={new Date(data.at)} />
        </>
      )}
      {monitoring && <ConversationMonitor conversationId={monitoring} onClose={() => setMonitoring(null)} />}
    </div>
  );
}

function QueueTable({ queues }: { queues: QueueLive[] }) {
  const { t } = useTranslation();
  return (
    <section className="sv-card" aria-labelledby="sv-queues">
      <h2 id="sv-queues">{t('supervisor.live.queues')}</h2>
      <div className="sv-table-wrap">
        <table className="sv-table" data-testid="queue-table">
          <thead>
            <tr>
              <th scope="col">{t('supervisor.live.queue')}</th>
              <th scope="col">{t('supervisor.live.waiting')}</th>
              <th scope="col">{t('supervisor.live.longestWait')}</th>
              <th scope="col">{t('supervisor.live.active')}</th>
              <th scope="col">{t('supervisor.live.onHold')}</th>
              <th scope="col">{t('supervisor.live.wrapUp')}</th>
              <th scope="col">{t('supervisor.live.agents')}</th>
              <th scope="col">{t('supervisor.live.capacity')}</th>
              <th scope="col">{t('supervisor.live.serviceLevel')}</th>
              <th scope="col">{t('supervisor.live.speedToAnswer')}</th>
            </tr>
          </thead>
          <tbody>
            {queues.map((q) => (
              <tr key={q.queueId} data-queue={q.name}>
                <th scope="row">{q.name}</th>
                <td data-cell="waiting">{q.waiting}</td>
                <td>{formatSeconds(q.longestWaitSeconds)}</td>
                <td data-cell="active">{q.active}</td>
                <td>{q.onHold}</td>
                <td data-cell="wrap-up">{q.wrapUp}</td>
                <td>
                  {PRESENCES.filter((p) => q.agentsByPresence[p]).map((p) => (
                    <span key={p} className={`sv-presence sv-presence-${p}`}>{t(`common.presence.${p}`)} {q.agentsByPresence[p]}</span>
                  ))}
                </td>
                <td>
                  <meter min={0} max={Math.max(q.capacity.total, 1)} value={q.capacity.used} aria-label={t('supervisor.live.capacity')} /> {q.capacity.used}/{q.capacity.total}
                </td>
                <td className="sv-nowrap" title={t('supervisor.live.serviceLevelHelp')}>
                  {formatPercent(q.serviceLevel.within20s)} · {formatPercent(q.serviceLevel.within60s)} · {formatPercent(q.serviceLevel.within120s)}
                </td>
                <td>{formatSeconds(q.averageSpeedToAnswerSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted sv-small">{t('supervisor.live.serviceLevelHelp')}</p>
    </section>
  );
}

function AgentTable({ agents, at }: { agents: AgentLive[]; at: Date }) {
  const { t } = useTranslation();
  const start = new Date(at.getTime() - 8 * 3600 * 1000);
  return (
    <section className="sv-card" aria-labelledby="sv-agents">
      <h2 id="sv-agents">{t('supervisor.live.agentsTitle')}</h2>
      <table className="sv-table" data-testid="agent-table">
        <thead>
          <tr>
            <th scope="col">{t('supervisor.live.agent')}</th>
            <th scope="col">{t('supervisor.live.presence')}</th>
            <th scope="col">{t('supervisor.live.capacity')}</th>
            <th scope="col">{t('supervisor.live.conversations')}</th>
            <th scope="col">{t('supervisor.live.timeline')}</th>
          </tr>
        </thead>
        <tbody>
          {agents.map((a) => (
            <tr key={a.agentId} data-agent={a.name}>
              <th scope="row">{a.name}</th>
              <td><span className={`sv-presence sv-presence-${a.presence}`}>{t(`common.presence.${a.presence}`, { defaultValue: a.presence })}</span></td>
              <td>{a.capacity.used}/{a.capacity.total}</td>
              <td data-cell="conversations">
                {a.conversations.length === 0 ? <span className="muted">—</span> : a.conversations.map((c) => (
                  <span key={c.id} className="sv-chip">{c.customer} · {t(`common.state.${c.state}`, { defaultValue: c.state })}</span>
                ))}
              </td>
              <td className="sv-timeline-cell">
                <div className="sv-timeline" aria-label={t('supervisor.live.timelineLabel', { name: a.name })}>
                  {timelineLayout(a.presenceTimeline, start, at).map((s) => (
                    <span
                      key={s.from}
                      className={`sv-seg sv-presence-${s.presence}`}
                      style={{ left: `${s.left}%`, width: `${s.width}%` }}
                      title={`${t(`common.presence.${s.presence}`, { defaultValue: s.presence })}: ${new Date(s.from).toLocaleTimeString()} – ${new Date(s.to).toLocaleTimeString()}`}
                    />
                  ))}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted sv-small">{t('supervisor.live.timelineHelp')}</p>
    </section>
  );
}
