import type { Conversation } from './types';

const HOUR = 3600_000;
export const MINE_STATES = ['active', 'waiting', 'wrap-up'];

/** Whether free text may be sent now: inside the window, or always on a channel without one (the server says which). */
export function canSendFreeText(c: Conversation, now: number): boolean {
  return c.windowExpiresAt ? Date.parse(c.windowExpiresAt) > now : c.windowOpen;
}

/**
 * Who wrote the last message, before its text in the list: nobody for the customer's, "You" only
 * for the viewer's own, a colleague by name, "Automated" for what the system sent.
 */
export function previewPrefix(last: NonNullable<Conversation['lastMessage']>, myId: string, t: (key: string) => string): string {
  if (last.direction === 'inbound') return '';
  if (last.kind === 'automated' || last.senderUserId === null) return t('agent.list.automated') + ': ';
  if (last.senderUserId === myId) return t('agent.list.you') + ': ';
  return (last.senderName ?? t('agent.list.colleague')) + ': ';
}

/** The customer spoke last (an automated reply does not count as an answer). */
export function awaitsAnswer(c: Conversation): boolean {
  const last = c.lastMessage;
  return !!last && (last.direction === 'inbound' || last.kind === 'automated') && c.lastInboundAt !== null;
}

/** Since when the customer has been waiting for a person's answer, or null. */
export function waitingSince(c: Conversation): string | null {
  return awaitsAnswer(c) ? c.lastInboundAt : null;
}

/** Milliseconds left in the session window (negative once closed), or null without one (no inbound message yet, or a channel without a window). */
export function windowLeft(c: Conversation, now: number): number | null {
  return c.windowExpiresAt ? Date.parse(c.windowExpiresAt) - now : null;
}

/** The window closes within the hour and the customer's last message is still unanswered. */
export function atRisk(c: Conversation, now: number): boolean {
  if (c.state === 'closed' || c.state === 'wrap-up' || !awaitsAnswer(c)) return false;
  const left = windowLeft(c, now);
  return left !== null && left > 0 && left <= HOUR;
}

/** At-risk conversations first (the soonest to close on top), then by last activity, newest first. */
export function sortForList(list: Conversation[], now: number): Conversation[] {
  return [...list].sort((a, b) => {
    const riskA = atRisk(a, now);
    const riskB = atRisk(b, now);
    if (riskA !== riskB) return riskA ? -1 : 1;
    if (riskA && riskB) return Date.parse(a.windowExpiresAt!) - Date.parse(b.windowExpiresAt!);
    return Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt);
  });
}

/** How the agent takes part in a colleague's conversation: consulted (reading) or added (writing). */
export const participationOf = (c: Pick<Conversation, 'participants'>, myId: string) => c.participants.find((p) => p.userId === myId)?.mode ?? null;

/** Assigned to the agent, or a colleague's the agent is consulted on or added to. */
export const isMine = (c: Conversation, myId: string) =>
  (c.assignedAgentId === myId && MINE_STATES.includes(c.state)) || (participationOf(c, myId) !== null && c.state !== 'closed');
export const isPickable = (c: Conversation) => c.state === 'open' && c.assignedAgentId === null;

export function customerLabel(c: Pick<Conversation, 'customer'>): string {
  return c.customer.name || c.customer.profileName || c.customer.phone;
}

/**
 * The list's filters, '' meaning any. The same filters run here on the live lists (mine, open)
 * and go to the server for the closed view and for search (filterQuery), so both agree.
 */
export type ListFilters = { state: string; queueId: string; channel: string; labelId: string };
export const NO_FILTERS: ListFilters = { state: '', queueId: '', channel: '', labelId: '' };
/** The states the filter offers: a live list's states; the closed view has its own tab. */
export const FILTER_STATES = ['open', 'active', 'waiting', 'wrap-up'];

export const activeFilterCount = (f: ListFilters) => Object.values(f).filter((v) => v !== '').length;

export function matchesFilters(c: Conversation, f: ListFilters): boolean {
  return (
    (!f.state || c.state === f.state) &&
    (!f.queueId || c.queueId === f.queueId) &&
    (!f.channel || c.channel === f.channel) &&
    (!f.labelId || c.labels.some((l) => l.id === f.labelId))
  );
}

/** The filters as the conversation list API takes them (state left out where the view fixes it). */
export function filterQuery(f: ListFilters, opts: { withState: boolean }): string {
  const params = new URLSearchParams();
  if (opts.withState && f.state) params.set('state', f.state);
  if (f.queueId) params.set('queueId', f.queueId);
  if (f.channel) params.set('channel', f.channel);
  if (f.labelId) params.set('label', f.labelId);
  return params.toString();
}

/** A snippet cut in three around its highlight, for a <mark> in the middle. */
export function splitHighlight(snippet: string, highlight: { start: number; length: number } | null): [string, string, string] {
  if (!highlight) return [snippet, '', ''];
  const end = highlight.start + highlight.length;
  return [snippet.slice(0, highlight.start), snippet.slice(highlight.start, end), snippet.slice(end)];
}
