import { describe, expect, it } from 'vitest';
import type { Conversation, Message } from './types';
import { emptyWorkspace, workspaceReducer, type WorkspaceState } from './workspace-state.js';

const conversation: Conversation = {
  id: 'c1', version: 3, state: 'active', customer: { id: 'k', phone: '+15551234567', name: 'Ada', profileName: null, language: 'en', inferredLanguage: null },
  numberId: 'n', number: '+14155238886', channel: 'whatsapp', optedOut: false, workstreamId: null, queueId: 'q', assignedAgentId: 'me',
  lastInboundAt: '2025-03-14T10:00:00.000Z', lastMessageAt: '2025-03-14T10:00:00.000Z', windowExpiresAt: '2025-03-15T10:00:00.000Z',
  windowOpen: true, agentAttachments: true, createdAt: '2025-03-14T10:00:00.000Z', closedAt: null, labels: [], wrapUpReason: null, wrapUpSummary: null, wrapUpReasons: [], wrapUpReasonRequired: false,
  assignedAgentName: 'Sam', participants: [],
  lastMessage: { body: 'hi', direction: 'inbound', kind: 'text', createdAt: '2025-03-14T10:00:00.000Z', senderUserId: null, senderName: null },
};

function message(id: string, opts: Partial<Message> = {}): Message {
  return {
    id, conversationId: 'c1', direction: 'inbound', kind: 'text', body: id, media: [], status: 'received', errorCode: null, errorMessage: null,
    twilioSid: null, senderUserId: null, templateId: null, contentSid: null, latitude: null, longitude: null, locationLabel: null, locationAddress: null, buttonText: null,
    createdAt: '2025-03-14T11:00:00.000Z', statusAt: '2025-03-14T11:00:00.000Z', ...opts,
  };
}

const loaded = (unreadCount = 0): WorkspaceState =>
  workspaceReducer(emptyWorkspace, { type: 'conversations', items: [{ ...conversation, unreadCount }] });

describe('the workspace model', () => {
  it("takes the server's unread counts from a list, and from the API's view of one conversation", () => {
    expect(loaded(3).unread.c1).toBe(3);
    expect(loaded().unread.c1).toBe(0);
    expect(workspaceReducer(loaded(3), { type: 'conversation', conversation: { ...conversation, unreadCount: 1 } }).unread.c1).toBe(1);
    // A realtime event carries no count: the one we have stays.
    expect(workspaceReducer(loaded(3), { type: 'conversation', conversation }).unread.c1).toBe(3);
    expect(workspaceReducer(loaded(3), { type: 'read', conversationId: 'c1', unreadCount: 0 }).unread.c1).toBe(0);
  });

  it('keeps the count of a message whose event came before a slower list answer read before it', () => {
    let state = loaded(1);
    const later = '2025-03-14T11:00:00.000Z';
    state = workspaceReducer(state, { type: 'conversation', conversation: { ...conversation, lastMessageAt: later } });
    state = workspaceReducer(state, { type: 'message', message: message('m2', { createdAt: later }), created: true, viewing: false });
    expect(state.unread.c1).toBe(2);
    // The list read before m2 was stored arrives now, with the count of then.
    state = workspaceReducer(state, { type: 'conversations', items: [{ ...conversation, unreadCount: 1 }] });
    expect(state.unread.c1).toBe(2);
    // An answer as new as what we hold is the server's word (after a read, say).
    state = workspaceReducer(state, { type: 'conversations', items: [{ ...conversation, lastMessageAt: later, unreadCount: 0 }] });
    expect(state.unread.c1).toBe(0);
  });

  it('keeps the later state when an answer read before a change lands after it', () => {
    // The agent put the conversation on hold (version 4); a reload read before that answers last.
    let state = workspaceReducer(loaded(), { type: 'conversation', conversation: { ...conversation, version: 4, state: 'waiting' } });
    state = workspaceReducer(state, { type: 'conversation', conversation: { ...conversation, state: 'active' } });
    expect(state.conversations.c1).toMatchObject({ version: 4, state: 'waiting' });
    state = workspaceReducer(state, { type: 'conversations', items: [{ ...conversation, state: 'active' }] });
    expect(state.conversations.c1.state).toBe('waiting');
    // A later change wins again.
    state = workspaceReducer(state, { type: 'conversation', conversation: { ...conversation, version: 5, state: 'active' } });
    expect(state.conversations.c1).toMatchObject({ version: 5, state: 'active' });
  });

  it('counts new inbound messages unless the agent is looking, and clears on seen', () => {
    let state = loaded();
    state = workspaceReducer(state, { type: 'message', message: message('m1'), created: true, viewing: false });
    state = workspaceReducer(state, { type: 'message', message: message('m2', { createdAt: '2025-03-14T11:01:00.000Z' }), created: true, viewing: false });
    state = workspaceReducer(state, { type: 'message', message: message('m2', { createdAt: '2025-03-14T11:01:00.000Z' }), created: false, viewing: false });
    expect(state.unread.c1).toBe(2);
    state = workspaceReducer(state, { type: 'message', message: message('m3', { createdAt: '2025-03-14T11:02:00.000Z' }), created: true, viewing: true });
    expect(state.unread.c1).toBe(2);
    expect(workspaceReducer(state, { type: 'seen', conversationId: 'c1' }).unread.c1).toBe(0);
  });

  it('moves the conversation forward with the message and reopens the window on inbound', () => {
    const state = workspaceReducer(loaded(), { type: 'message', message: message('m1', { createdAt: '2025-03-14T12:00:00.000Z' }), created: true, viewing: true });
    expect(state.conversations.c1.lastMessage?.body).toBe('m1');
    expect(state.conversations.c1.windowExpiresAt).toBe('2025-03-15T12:00:00.000Z');
  });

  it('never moves a status backwards', () => {
    let state = workspaceReducer(loaded(), { type: 'messages', conversationId: 'c1', items: [] });
    const sent = message('o1', { direction: 'outbound', status: 'read' });
    state = workspaceReducer(state, { type: 'message', message: sent, created: true, viewing: true });
    state = workspaceReducer(state, { type: 'message', message: { ...sent, status: 'delivered' }, created: false, viewing: true });
    expect(state.messages.c1.map((m) => m.status)).toEqual(['read']);
  });

  it('lets a retried failed message start again, but not a stale event about the failed attempt', () => {
    let state = workspaceReducer(loaded(), { type: 'messages', conversationId: 'c1', items: [] });
    const failed = message('o1', { direction: 'outbound', status: 'failed', errorCode: 63016, statusAt: '2025-03-14T11:01:00.000Z' });
    state = workspaceReducer(state, { type: 'message', message: failed, created: true, viewing: true });
    state = workspaceReducer(state, { type: 'message', message: { ...failed, status: 'sent', statusAt: '2025-03-14T11:00:30.000Z' }, created: false, viewing: true });
    expect(state.messages.c1.map((m) => m.status)).toEqual(['failed']);
    state = workspaceReducer(state, { type: 'message', message: { ...failed, status: 'queued', errorCode: null, statusAt: '2025-03-14T11:05:00.000Z' }, created: false, viewing: true });
    expect(state.messages.c1.map((m) => [m.status, m.errorCode])).toEqual([['queued', null]]);
  });

  it('keeps one offer per conversation and drops it when it is gone', () => {
    const offer = { id: 'o1', conversationId: 'c1', expiresAt: '2025-03-14T12:02:00.000Z', createdAt: null, conversation: null, queueName: null, firstMessage: null };
    let state = workspaceReducer(emptyWorkspace, { type: 'offer', offer });
    state = workspaceReducer(state, { type: 'offer', offer: { ...offer, id: 'o2' } });
    expect(state.offers.map((o) => o.id)).toEqual(['o2']);
    expect(workspaceReducer(state, { type: 'offer-gone', conversationId: 'c1' }).offers).toEqual([]);
  });
});
