import { describe, expect, it } from 'vitest';
import type { Conversation } from './types';
import { atRisk, awaitsAnswer, filterQuery, isMine, matchesFilters, NO_FILTERS, previewPrefix, sortForList, splitHighlight, waitingSince } from './conversation-list.js';

const NOW = Date.parse('2025-03-14T12:00:00Z');
const minutesAgo = (m: number) => new Date(NOW - m * 60_000).toISOString();

function conversation(id: string, opts: { lastInboundMinutesAgo?: number; lastMessageMinutesAgo: number; lastDirection: 'inbound' | 'outbound'; kind?: string; state?: string }): Conversation {
  const lastInboundAt = opts.lastInboundMinutesAgo === undefined ? null : minutesAgo(opts.lastInboundMinutesAgo);
  return {
    id,
    version: 1,
    state: opts.state ?? 'active',
    customer: { id: 'k' + id, phone: '+15550000' + id, name: null, profileName: null, language: null, inferredLanguage: null },
    numberId: 'n',
    number: '+14155238886',
    channel: 'whatsapp',
    optedOut: false,
    workstreamId: null,
    queueId: null,
    assignedAgentId: 'me',
    assignedAgentName: 'Me',
    participants: [],
    lastInboundAt,
    lastMessageAt: minutesAgo(opts.lastMessageMinutesAgo),
    windowExpiresAt: lastInboundAt ? new Date(Date.parse(lastInboundAt) + 24 * 3600_000).toISOString() : null,
    windowOpen: true, agentAttachments: true,
    createdAt: minutesAgo(2000),
    closedAt: null,
    labels: [],
    wrapUpReason: null,
    wrapUpSummary: null,
    wrapUpReasons: [],
    wrapUpReasonRequired: false,
    lastMessage: { body: 'x', direction: opts.lastDirection, kind: opts.kind ?? 'text', createdAt: minutesAgo(opts.lastMessageMinutesAgo), senderUserId: null, senderName: null },
  };
}

describe('the conversation list order', () => {
  it('puts unanswered conversations whose window closes within the hour on top, soonest first', () => {
    const fresh = conversation('1', { lastInboundMinutesAgo: 1, lastMessageMinutesAgo: 1, lastDirection: 'inbound' });
    const closing = conversation('2', { lastInboundMinutesAgo: 23 * 60 + 10, lastMessageMinutesAgo: 23 * 60 + 10, lastDirection: 'inbound' });
    const closingSooner = conversation('3', { lastInboundMinutesAgo: 23 * 60 + 50, lastMessageMinutesAgo: 23 * 60 + 50, lastDirection: 'inbound' });
    const answered = conversation('4', { lastInboundMinutesAgo: 23 * 60 + 30, lastMessageMinutesAgo: 5, lastDirection: 'outbound' });
    expect(sortForList([fresh, closing, answered, closingSooner], NOW).map((c) => c.id)).toEqual(['3', '2', '1', '4']);
  });

  it('does not flag answered, closed or already expired conversations', () => {
    expect(atRisk(conversation('a', { lastInboundMinutesAgo: 23 * 60 + 30, lastMessageMinutesAgo: 1, lastDirection: 'outbound' }), NOW)).toBe(false);
    expect(atRisk(conversation('b', { lastInboundMinutesAgo: 23 * 60 + 30, lastMessageMinutesAgo: 1, lastDirection: 'inbound', state: 'wrap-up' }), NOW)).toBe(false);
    expect(atRisk(conversation('c', { lastInboundMinutesAgo: 25 * 60, lastMessageMinutesAgo: 25 * 60, lastDirection: 'inbound' }), NOW)).toBe(false);
    expect(atRisk(conversation('d', { lastInboundMinutesAgo: 23 * 60 + 30, lastMessageMinutesAgo: 23 * 60 + 30, lastDirection: 'inbound' }), NOW)).toBe(true);
  });

  it('counts an automated reply as no answer', () => {
    const c = conversation('e', { lastInboundMinutesAgo: 10, lastMessageMinutesAgo: 9, lastDirection: 'outbound', kind: 'automated' });
    expect(awaitsAnswer(c)).toBe(true);
    expect(waitingSince(c)).toBe(minutesAgo(10));
  });

  it("lists as the agent's own a colleague's conversation they are consulted on, until it closes", () => {
    const colleagues = { ...conversation('9', { lastMessageMinutesAgo: 1, lastDirection: 'inbound' }), assignedAgentId: 'them' };
    expect(isMine(colleagues, 'me')).toBe(false);
    const consulted = { ...colleagues, participants: [{ userId: 'me', name: 'Me', mode: 'consult' as const }] };
    expect(isMine(consulted, 'me')).toBe(true);
    expect(isMine({ ...consulted, state: 'closed' }, 'me')).toBe(false);
  });
});

describe('list filters', () => {
  const c = { ...conversation('1', { lastMessageMinutesAgo: 1, lastDirection: 'inbound' }), queueId: 'q1', channel: 'sms' as const, state: 'waiting', labels: [{ id: 'l1', name: 'VIP', color: '#aa0000' }] };
  it('keep a conversation that meets every filter set, and only then', () => {
    expect(matchesFilters(c, NO_FILTERS)).toBe(true);
    expect(matchesFilters(c, { state: 'waiting', queueId: 'q1', channel: 'sms', labelId: 'l1' })).toBe(true);
    expect(matchesFilters(c, { ...NO_FILTERS, state: 'active' })).toBe(false);
    expect(matchesFilters(c, { ...NO_FILTERS, queueId: 'q2' })).toBe(false);
    expect(matchesFilters(c, { ...NO_FILTERS, channel: 'whatsapp' })).toBe(false);
    expect(matchesFilters(c, { ...NO_FILTERS, labelId: 'l2' })).toBe(false);
  });
  it('go to the server as the API names them, state only where the view has states', () => {
    expect(filterQuery({ state: 'open', queueId: 'q1', channel: 'sms', labelId: 'l1' }, { withState: true })).toBe('state=open&queueId=q1&channel=sms&label=l1');
    expect(filterQuery({ state: 'open', queueId: '', channel: 'sms', labelId: '' }, { withState: false })).toBe('channel=sms');
    expect(filterQuery(NO_FILTERS, { withState: true })).toBe('');
  });
  it('split a snippet around its highlight', () => {
    expect(splitHighlight('my order 12 is late', { start: 3, length: 5 })).toEqual(['my ', 'order', ' 12 is late']);
    expect(splitHighlight('no mark', null)).toEqual(['no mark', '', '']);
  });
});

describe("the list's preview", () => {
  const t = (key: string) => ({ 'agent.list.you': 'You', 'agent.list.automated': 'Automated', 'agent.list.colleague': 'A colleague' })[key] ?? key;
  const last = (direction: string, kind: string, senderUserId: string | null, senderName: string | null = null) => ({ body: 'x', direction, kind, createdAt: minutesAgo(1), senderUserId, senderName });

  it('says "You" only for the viewer\'s own messages, names a colleague, and marks automated ones', () => {
    expect(previewPrefix(last('outbound', 'text', 'me', 'Me'), 'me', t)).toBe('You: ');
    expect(previewPrefix(last('outbound', 'text', 'sam', 'Sam Colleague'), 'me', t)).toBe('Sam Colleague: ');
    expect(previewPrefix(last('outbound', 'text', 'sam'), 'me', t)).toBe('A colleague: ');
    expect(previewPrefix(last('outbound', 'automated', null), 'me', t)).toBe('Automated: ');
    expect(previewPrefix(last('outbound', 'template', null), 'me', t)).toBe('Automated: ');
    expect(previewPrefix(last('inbound', 'text', null), 'me', t)).toBe('');
  });
});
