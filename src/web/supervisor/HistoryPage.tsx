import { CHANNEL_IDS } from '../../shared/channel-ids';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../shell/use-resource';
import { BarChart } from './Chart';
import { formatPercent, formatSeconds, queryOf } from './format';
import type { History, Named, Summary } from './types';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const WEEK_MS = 6 * 24 * 3600 * 1000;

export function HistoryPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState({ from: isoDay(new Date(Date.now() - WEEK_MS)), to: isoDay(new Date()), queueId: '', workstreamId: '', agentId: '', channel: '' });
  const query = queryOf(filters);
  const history = useResource<History>(`/api/v1/insights/history?${query}`);
  const queues = useResource<{ items: Named[] }>('/api/v1/queues?includeArchived=true');
  const workstreams = useResource<{ items: Named[] }>('/api/v1/workstreams');
  const users = useResource<{ items: (Named & { role: string })[] }>('/api/v1/users');
  const set = (key: keyof typeof filters) => (e: { target: { value: string } }) => setFilters({ ...filters, [key]: e.target.value });
  const h = history.data;

  return (
    <div className="sv-page">
      <div className="sv-page-head">
        <h1>{t('supervisor.history.title')}</h1>
        <a className="sv-button" href={`/api/v1/insights/history.csv?${query}`} download data-testid="csv-link">{t('supervisor.history.exportCsv')}</a>
      </div>
      <form className="sv-filters" onSubmit={(e) => e.preventDefault()} aria-label={t('supervisor.history.filters')}>
        <label>{t('supervisor.history.from')}<input type="date" value={filters.from} onChange={set('from')} required /></label>
        <label>{t('supervisor.history.to')}<input type="date" value={filters.to} onChange={set('to')} required /></label>
        <label>{t('supervisor.live.queue')}
          <select value={filters.queueId} onChange={set('queueId')}>
            <option value="">{t('supervisor.history.all')}</option>
            {queues.data?.items.map((q) => <option key={q.id} value={q.id}>{q.name}</option>)}
          </select>
        </label>
        <label>{t('supervisor.history.workstream')}
          <select value={filters.workstreamId} onChange={set('workstreamId')}>
            <option value="">{t('supervisor.history.all')}</option>
            {workstreams.data?.items.map((w) => <option key={w.id} value={w.id}>{w.name}</option>)}
          </select>
        </label>
        <label>{t('supervisor.live.agent')}
          <select value={filters.agentId} onChange={set('agentId')}>
            <option value="">{t('supervisor.history.all')}</option>
            {users.data?.items.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </select>
        </label>
        <label>{t('supervisor.channel')}
          <select value={filters.channel} onChange={set('channel')} data-testid="channel-filter">
            <option value="">{t('supervisor.history.all')}</option>
            {CHANNEL_IDS.map((c) => <option key={c} value={c}>{t(`supervisor.channels.${c}`)}</option>)}
          </select>
        </label>
      </form>
      {history.error && <p role="alert" className="sv-error">{history.error.message}</p>}
      {h && (
        <>
          <div className="sv-figures" data-testid="history-figures">
            <Figure label={t('supervisor.history.conversations')} value={String(h.conversations)} name="conversations" />
            <Figure label={t('supervisor.history.answered')} value={String(h.answered)} name="answered" />
            <Figure label={t('supervisor.history.abandoned')} value={`${h.abandoned} (${formatPercent(h.abandonmentRate)})`} name="abandoned" />
            <Figure label={t('supervisor.history.transfers')} value={String(h.transfers)} name="transfers" />
            <Figure label={t('supervisor.history.csat')} value={h.csat.averageRating === null ? t('supervisor.history.csatNone') : `${h.csat.averageRating} / 5 · ${formatPercent(h.csat.satisfiedPercent)}`} name="csat" />
          </div>
          <section className="sv-card" aria-labelledby="sv-times">
            <h2 id="sv-times">{t('supervisor.history.times')}</h2>
            <table className="sv-table">
              <thead>
                <tr><th scope="col" /><th scope="col">{t('supervisor.history.count')}</th><th scope="col">{t('supervisor.history.average')}</th><th scope="col">{t('supervisor.history.median')}</th></tr>
              </thead>
              <tbody>
                <SummaryRow label={t('supervisor.history.speedToAnswer')} summary={h.speedToAnswer} />
                <SummaryRow label={t('supervisor.history.firstResponse')} summary={h.firstResponse} />
                <SummaryRow label={t('supervisor.history.handle')} summary={h.handle} />
                <SummaryRow label={t('supervisor.history.wrapUp')} summary={h.wrapUp} />
              </tbody>
            </table>
            <p className="sv-small">{t('supervisor.live.serviceLevel')}: {formatPercent(h.serviceLevel.within20s)} · {formatPercent(h.serviceLevel.within60s)} · {formatPercent(h.serviceLevel.within120s)}</p>
          </section>
          <section className="sv-card" aria-labelledby="sv-by-channel">
            <h2 id="sv-by-channel">{t('supervisor.history.byChannel')}</h2>
            <table className="sv-table" data-testid="by-channel">
              <thead>
                <tr>
                  <th scope="col">{t('supervisor.channel')}</th>
                  <th scope="col">{t('supervisor.history.conversations')}</th>
                  <th scope="col">{t('supervisor.history.answered')}</th>
                  <th scope="col">{t('supervisor.history.abandoned')}</th>
                  <th scope="col">{t('supervisor.history.speedToAnswer')}</th>
                  <th scope="col">{t('supervisor.history.firstResponse')}</th>
                  <th scope="col">{t('supervisor.history.csat')}</th>
                </tr>
              </thead>
              <tbody>
                {h.byChannel.map((c) => (
                  <tr key={c.channel} data-channel={c.channel}>
                    <th scope="row">{t(`supervisor.channels.${c.channel}`, { defaultValue: c.channel })}</th>
                    <td>{c.conversations}</td>
                    <td>{c.answered}</td>
                    <td>{c.abandoned}</td>
                    <td>{formatSeconds(c.speedToAnswer.average)}</td>
                    <td>{formatSeconds(c.firstResponse.average)}</td>
                    <td>{c.csat.averageRating === null ? t('supervisor.history.csatNone') : `${c.csat.averageRating} / 5 (${c.csat.responses})`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="sv-card" aria-labelledby="sv-volume">
            <h2 id="sv-volume">{t('supervisor.history.volumeByHour')}</h2>
            <BarChart title={t('supervisor.history.volumeByHour')} labels={h.volumeByHour.map((_, i) => String(i).padStart(2, '0'))} series={[{ label: t('supervisor.history.conversations'), values: h.volumeByHour, color: '#0b6bcb' }]} />
          </section>
          <section className="sv-card" aria-labelledby="sv-failures">
            <h2 id="sv-failures">{t('supervisor.history.deliveryFailures')}</h2>
            {h.deliveryFailures.length === 0 ? <p className="muted">{t('supervisor.history.noFailures')}</p> : (
              <>
                <BarChart title={t('supervisor.history.deliveryFailures')} labels={h.deliveryFailures.map((f) => String(f.code))} series={[{ label: t('supervisor.history.failures'), values: h.deliveryFailures.map((f) => f.count), color: '#b3261e' }]} height={180} />
                <table className="sv-table" data-testid="failures-table">
                  <thead><tr><th scope="col">{t('supervisor.history.errorCode')}</th><th scope="col">{t('supervisor.history.failures')}</th></tr></thead>
                  <tbody>{h.deliveryFailures.map((f) => <tr key={f.code}><td>{f.code}</td><td>{f.count}</td></tr>)}</tbody>
                </table>
              </>
            )}
          </section>
          {(['wrapUpReasons', 'labels'] as const).map((kind) => (
            <section key={kind} className="sv-card" aria-labelledby={`sv-${kind}`}>
              <h2 id={`sv-${kind}`}>{t(`supervisor.history.${kind}`)}</h2>
              {h[kind].length === 0 ? <p className="muted">{t('supervisor.history.noneCounted')}</p> : (
                <table className="sv-table" data-testid={`${kind}-table`}>
                  <thead><tr><th scope="col">{t(`supervisor.history.${kind}Name`)}</th><th scope="col">{t('supervisor.history.conversations')}</th></tr></thead>
                  <tbody>{h[kind].map((r) => <tr key={r.name}><td>{r.name}</td><td>{r.count}</td></tr>)}</tbody>
                </table>
              )}
            </section>
          ))}
        </>
      )}
    </div>
  );
}

function Figure({ label, value, name }: { label: string; value: string; name: string }) {
  return (
    <div className="sv-figure" data-figure={name}>
      <span className="muted">{label}</span>
      <strong>{value}</strong>
    </div>
  );
}

function SummaryRow({ label, summary }: { label: string; summary: Summary }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{summary.count}</td>
      <td>{formatSeconds(summary.average)}</td>
      <td>{formatSeconds(summary.median)}</td>
    </tr>
  );
}
