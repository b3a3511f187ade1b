import { useCallback, useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../shell/api';
import { formatDateTime, formatDuration, formatTime, useLocale, useNow } from '../shell/time';
import type { Conversation } from './types';
import { ChannelBadge, useChannelName } from '../shell/channels';
import { CHANNEL_IDS } from '../../shared/channel-ids';
import { useQueueNames } from './queue-names';
import { errorText } from './errors';
import {
  activeFilterCount, atRisk, customerLabel, FILTER_STATES, filterQuery, matchesFilters, NO_FILTERS, participationOf, previewPrefix, splitHighlight, waitingSince, windowLeft, type ListFilters,
} from './conversation-list';
import { LabelChip, LabelFilter, type Label } from './labels';

export type ListTab = 'mine' | 'open' | 'closed';
type Match = NonNullable<Conversation['match']>;

type Props = {
  myId: string;
  tab: ListTab;
  onTab(tab: ListTab): void;
  mine: Conversation[];
  open: Conversation[];
  unread: Record<string, number>;
  /** The live view of every conversation known, so search results stay current too. */
  latest: Record<string, Conversation>;
  selectedId: string | null;
  /** Opens a conversation; from a search result, at the message that matched. */
  onSelect(id: string, messageId?: string): void;
  searchRef: RefObject<HTMLInputElement | null>;
  /** Mine and open arrive already filtered; the closed view and search ask the server with the same filters. */
  filters: ListFilters;
  onFilters(filters: ListFilters): void;
  /** The labels an admin keeps, for the label filter. */
  labels: Label[];
};

/** Mine, open-to-pick (at-risk conversations on top) and closed, under one filter bar; or search results. */
export function ConversationList({ myId, tab, onTab, mine, open, unread, latest, selectedId, onSelect, searchRef, filters, onFilters, labels }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const results = useSearch(query, filters);
  const closed = useClosed(tab === 'closed' && results === null, filters);
  const live = (list: Conversation[]) => list.map((c) => latest[c.id] ?? c);
  const shown = results ? live(results) : tab === 'mine' ? mine : tab === 'open' ? open : live(closed.items ?? []);
  const unreadIn = (list: Conversation[]) => list.reduce((n, c) => n + (unread[c.id] ?? 0), 0);
  const matchOf = (id: string) => results?.find((c) => c.id === id)?.match ?? null;

  return (
    <nav className="conversation-list" aria-label={t('agent.list.label')}>
      <div className="list-search">
        <input
          ref={searchRef}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('agent.list.searchPlaceholder')}
          aria-label={t('agent.list.search')}
          aria-keyshortcuts="Alt+K"
        />
        <LabelFilter catalogue={labels} value={filters.labelId} onChange={(labelId) => onFilters({ ...filters, labelId })} />
      </div>
      <FilterBar filters={filters} onFilters={onFilters} withState={tab !== 'closed' || results !== null} />
      {results === null ? (
        <div role="tablist" className="list-tabs" aria-label={t('agent.list.tabs')}>
          <Tab id="mine" current={tab} onTab={onTab} label={t('agent.list.mine')} count={mine.length} unread={unreadIn(mine)} />
          <Tab id="open" current={tab} onTab={onTab} label={t('agent.list.open')} count={open.length} unread={unreadIn(open)} />
          <Tab id="closed" current={tab} onTab={onTab} label={t('common.state.closed')} count={null} unread={0} />
        </div>
      ) : (
        <p className="list-note" role="status">{t('agent.list.results', { count: results.length })}</p>
      )}
      <div className="list-items" role={results === null ? 'tabpanel' : 'region'} aria-label={results === null ? t(`agent.list.${tab}`) : t('agent.list.search')}>
        <ul>
          {shown.map((c) => (
            <li key={c.id}>
              <ConversationRow conversation={c} match={matchOf(c.id)} myId={myId} unread={unread[c.id] ?? 0} participation={participationOf(c, myId)} selected={c.id === selectedId} onSelect={onSelect} />
            </li>
          ))}
          {shown.length === 0 && (results !== null || tab !== 'closed' || closed.items !== null) && (
            <li className="list-empty muted">{results ? t('agent.list.noResults') : activeFilterCount(filters) > 0 ? t('agent.list.noneFiltered') : t(`agent.list.empty.${tab}`)}</li>
          )}
        </ul>
        {results === null && tab === 'closed' && (
          <div className="list-more">
            {closed.error && <p role="alert" className="error">{closed.error}</p>}
            {closed.loading && <p className="muted" role="status">{t('common.loading')}</p>}
            {closed.nextCursor && !closed.loading && <button type="button" onClick={closed.more}>{t('agent.list.more')}</button>}
          </div>
        )}
      </div>
    </nav>
  );
}

/**
 * State, queue and channel, each a compact select; one row that also fits a phone. The label
 * filter sits beside the search box and is part of the same ListFilters (Clear resets it too).
 */
function FilterBar({ filters, onFilters, withState }: { filters: ListFilters; onFilters(filters: ListFilters): void; withState: boolean }) {
  const { t } = useTranslation();
  const queues = useQueueNames();
  const channelName = useChannelName();
  const set = (patch: Partial<ListFilters>) => onFilters({ ...filters, ...patch });
  const queueList = Object.entries(queues).sort((a, b) => a[1].localeCompare(b[1]));
  return (
    <div className="list-filters" role="group" aria-label={t('agent.list.filters.label')}>
      {withState && (
        <select aria-label={t('agent.list.filters.state')} value={filters.state} onChange={(e) => set({ state: e.target.value })} className={filters.state ? 'set' : undefined}>
          <option value="">{t('agent.list.filters.anyState')}</option>
          {FILTER_STATES.map((s) => <option key={s} value={s}>{t(`common.state.${s}`)}</option>)}
        </select>
      )}
      <select aria-label={t('agent.list.filters.queue')} value={filters.queueId} onChange={(e) => set({ queueId: e.target.value })} className={filters.queueId ? 'set' : undefined}>
        <option value="">{t('agent.list.filters.anyQueue')}</option>
        {queueList.map(([id, name]) => <option key={id} value={id}>{name}</option>)}
      </select>
      <select aria-label={t('agent.list.filters.channel')} value={filters.channel} onChange={(e) => set({ channel: e.target.value })} className={filters.channel ? 'set' : undefined}>
        <option value="">{t('agent.list.filters.anyChannel')}</option>
        {CHANNEL_IDS.map((id) => <option key={id} value={id}>{channelName(id)}</option>)}
      </select>
      {activeFilterCount(filters) > 0 && (
        <button type="button" className="link list-filters-clear" onClick={() => onFilters(NO_FILTERS)} aria-label={t('agent.list.filters.clearLabel')}>
          {t('agent.list.filters.clear')}
        </button>
      )}
    </div>
  );
}

function Tab({ id, current, onTab, label, count, unread }: { id: ListTab; current: ListTab; onTab(tab: ListTab): void; label: string; count: number | null; unread: number }) {
  const { t } = useTranslation();
  // The visible "Mine 4 2" would be read as one number ("Mine 42"): screen readers get the counts in
  // words from hidden text. Not an aria-label, whose name would no longer contain the visible text.
  const name = count === null ? label : unread > 0 ? t('agent.list.tabNameUnread', { label, conversations: t('agent.list.tabCount', { count }), unread: t('agent.list.tabUnread', { count: unread }) }) : t('agent.list.tabName', { label, conversations: t('agent.list.tabCount', { count }) });
  return (
    <button type="button" role="tab" aria-selected={current === id} className={current === id ? 'tab active' : 'tab'} onClick={() => onTab(id)}>
      <span className="visually-hidden">{name}</span>
      <span aria-hidden="true">
        {label} {count !== null && <span className="count">{count}</span>}
        {unread > 0 && <span className="badge">{unread}</span>}
      </span>
    </button>
  );
}

type RowProps = { conversation: Conversation; match: Match | null; myId: string; unread: number; participation: 'consult' | 'participant' | null; selected: boolean; onSelect(id: string, messageId?: string): void };

function ConversationRow({ conversation: c, match, myId, unread, participation, selected, onSelect }: RowProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const now = useNow(15_000);
  const risky = atRisk(c, now);
  const waiting = waitingSince(c);
  const left = windowLeft(c, now);
  return (
    <button
      type="button"
      className={`conversation-row${selected ? ' selected' : ''}${risky ? ' at-risk' : ''}${unread ? ' unread' : ''}`}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onSelect(c.id, match?.messageId)}
      data-conversation-id={c.id}
    >
      <span className="row-top">
        <span className="row-name">{customerLabel(c)}</span>
        {match ? (
          <time className="row-time" dateTime={match.createdAt}>{formatDateTime(match.createdAt, locale)}</time>
        ) : c.state === 'closed' && c.closedAt ? (
          <time className="row-time" dateTime={c.closedAt}>{formatDateTime(c.closedAt, locale)}</time>
        ) : (
          <time className="row-time" dateTime={c.lastMessageAt}>{formatTime(c.lastMessageAt, locale)}</time>
        )}
      </span>
      {match ? <MatchPreview match={match} /> : <span className="row-preview">{previewOf(c, myId, t)}</span>}
      <span className="row-meta">
        <ChannelBadge channel={c.channel} />
        {participation && <span className="state-chip state-consulting">{t(`agent.list.participation.${participation}`)}</span>}
        {c.state !== 'active' && <span className={`state-chip state-${c.state}`}>{t(`common.state.${c.state}`)}</span>}
        {waiting && c.state !== 'wrap-up' && c.state !== 'closed' && <span className="waiting">{t('agent.list.waitingFor', { time: formatDuration(now - Date.parse(waiting), locale) })}</span>}
        {risky && left !== null && <span className="risk-flag">⚠ {t('agent.list.windowClosing', { time: formatDuration(left, locale) })}</span>}
        {unread > 0 && <span className="badge" aria-label={t('agent.list.unread', { count: unread })}>{unread}</span>}
      </span>
      {c.labels.length > 0 && (
        <span className="row-labels">
          {c.labels.map((l) => <LabelChip key={l.id} label={l} />)}
        </span>
      )}
    </button>
  );
}

/** The message that matched the search, its matching words marked. */
function MatchPreview({ match }: { match: Match }) {
  const { t } = useTranslation();
  const [before, marked, after] = splitHighlight(match.snippet, match.highlight);
  return (
    <span className="row-preview row-match" data-message-id={match.messageId}>
      {match.direction === 'outbound' && <span className="muted">{t('agent.list.matchOutbound')}: </span>}
      {before}
      {marked && <mark>{marked}</mark>}
      {after}
    </span>
  );
}

function previewOf(c: Conversation, myId: string, t: (key: string) => string): string {
  const last = c.lastMessage;
  if (!last) return '';
  const prefix = previewPrefix(last, myId, t);
  if (last.body) return prefix + last.body;
  if (last.kind === 'location') return prefix + t('agent.message.location');
  return prefix + t('agent.message.attachment');
}

/** Server-side search by name, number or text within the filters, debounced; null while the box is empty. */
function useSearch(query: string, filters: ListFilters): Conversation[] | null {
  const [results, setResults] = useState<Conversation[] | null>(null);
  const filtered = filterQuery(filters, { withState: true });
  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setResults(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api<{ items: Conversation[] }>('GET', `/api/v1/conversations?q=${encodeURIComponent(q)}&limit=50${filtered ? '&' + filtered : ''}`, { signal: controller.signal })
        .then((answer) => setResults(answer.items))
        .catch(() => {});
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, filtered]);
  return results;
}

/** The closed view, a page at a time from the server, loaded again whenever the filters change. */
function useClosed(shown: boolean, filters: ListFilters) {
  const { t } = useTranslation();
  const filtered = filterQuery(filters, { withState: false });
  const [items, setItems] = useState<Conversation[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    (before: string | null, signal?: AbortSignal) => {
      setLoading(true);
      setError(null);
      const cursor = before ? `&before=${encodeURIComponent(before)}` : '';
      return api<{ items: Conversation[]; nextCursor?: string | null }>('GET', `/api/v1/conversations?view=closed${filtered ? '&' + filtered : ''}${cursor}`, { signal })
        .then((page) => {
          setItems((current) => (before && current ? [...current, ...page.items.filter((c) => !current.some((x) => x.id === c.id))] : page.items));
          setNextCursor(page.nextCursor ?? null);
        })
        .catch((err) => !signal?.aborted && setError(errorText(err, t)))
        .finally(() => !signal?.aborted && setLoading(false));
    },
    [filtered, t],
  );

  useEffect(() => {
    if (!shown) return;
    const controller = new AbortController();
    setItems(null);
    void load(null, controller.signal);
    return () => controller.abort();
  }, [shown, load]);

  return { items, nextCursor, loading, error, more: () => void load(nextCursor) };
}
