import { useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../shell/api';
import { formatDuration, formatTime, useLocale, useNow } from '../shell/time';
import type { Conversation } from './types';
import { ChannelBadge } from '../shell/channels';
import { atRisk, customerLabel, participationOf, previewPrefix, waitingSince, windowLeft } from './conversation-list';

export type ListTab = 'mine' | 'open';

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
  onSelect(id: string): void;
  searchRef: RefObject<HTMLInputElement | null>;
};

/** Mine and open-to-pick, sorted with at-risk conversations on top; or search results. */
export function ConversationList({ myId, tab, onTab, mine, open, unread, latest, selectedId, onSelect, searchRef }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const results = useSearch(query);
  const shown = results?.map((c) => latest[c.id] ?? c) ?? (tab === 'mine' ? mine : open);
  const unreadIn = (list: Conversation[]) => list.reduce((n, c) => n + (unread[c.id] ?? 0), 0);

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
      </div>
      {results === null ? (
        <div role="tablist" className="list-tabs" aria-label={t('agent.list.tabs')}>
          <Tab id="mine" current={tab} onTab={onTab} label={t('agent.list.mine')} count={mine.length} unread={unreadIn(mine)} />
          <Tab id="open" current={tab} onTab={onTab} label={t('agent.list.open')} count={open.length} unread={unreadIn(open)} />
        </div>
      ) : (
        <p className="list-note" role="status">{t('agent.list.results', { count: results.length })}</p>
      )}
      <div className="list-items" role={results === null ? 'tabpanel' : 'region'} aria-label={results === null ? t(`agent.list.${tab}`) : t('agent.list.search')}>
        <ul>
          {shown.map((c) => (
            <li key={c.id}>
              <ConversationRow conversation={c} myId={myId} unread={unread[c.id] ?? 0} participation={participationOf(c, myId)} selected={c.id === selectedId} onSelect={onSelect} />
            </li>
          ))}
          {shown.length === 0 && <li className="list-empty muted">{results ? t('agent.list.noResults') : t(`agent.list.empty.${tab}`)}</li>}
        </ul>
      </div>
    </nav>
  );
}

function Tab({ id, current, onTab, label, count, unread }: { id: ListTab; current: ListTab; onTab(tab: ListTab): void; label: string; count: number; unread: number }) {
  const { t } = useTranslation();
  // The visible "Mine 4 2" would be read as one number ("Mine 42"): the tab's name says each count in words.
  const name = unread > 0 ? t('agent.list.tabNameUnread', { label, conversations: t('agent.list.tabCount', { count }), unread: t('agent.list.tabUnread', { count: unread }) }) : t('agent.list.tabName', { label, conversations: t('agent.list.tabCount', { count }) });
  return (
    <button type="button" role="tab" aria-selected={current === id} aria-label={name} className={current === id ? 'tab active' : 'tab'} onClick={() => onTab(id)}>
      {label} <span className="count" aria-hidden="true">{count}</span>
      {unread > 0 && <span className="badge" aria-hidden="true">{unread}</span>}
    </button>
  );
}

type RowProps = { conversation: Conversation; myId: string; unread: number; participation: 'consult' | 'participant' | null; selected: boolean; onSelect(id: string): void };

function ConversationRow({ conversation: c, myId, unread, participation, selected, onSelect }: RowProps) {
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
      onClick={() => onSelect(c.id)}
      data-conversation-id={c.id}
    >
      <span className="row-top">
        <span className="row-name">{customerLabel(c)}</span>
        <time className="row-time" dateTime={c.lastMessageAt}>{formatTime(c.lastMessageAt, locale)}</time>
      </span>
      <span className="row-preview">{previewOf(c, myId, t)}</span>
      <span className="row-meta">
        <ChannelBadge channel={c.channel} />
        {participation && <span className="state-chip state-consulting">{t(`agent.list.participation.${participation}`)}</span>}
        {c.state !== 'active' && <span className={`state-chip state-${c.state}`}>{t(`agent.state.${c.state}`)}</span>}
        {waiting && c.state !== 'wrap-up' && c.state !== 'closed' && <span className="waiting">{t('agent.list.waitingFor', { time: formatDuration(now - Date.parse(waiting), locale) })}</span>}
        {risky && left !== null && <span className="risk-flag">⚠ {t('agent.list.windowClosing', { time: formatDuration(left, locale) })}</span>}
        {unread > 0 && <span className="badge" aria-label={t('agent.list.unread', { count: unread })}>{unread}</span>}
      </span>
    </button>
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

/** Server-side search by name, number or text, debounced; null while the box is empty. */
function useSearch(query: string): Conversation[] | null {
  const [results, setResults] = useState<Conversation[] | null>(null);
  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setResults(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api<{ items: Conversation[] }>('GET', `/api/v1/conversations?q=${encodeURIComponent(q)}&limit=50`, { signal: controller.signal })
        .then((answer) => setResults(answer.items))
        .catch(() => {});
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);
  return results;
}
