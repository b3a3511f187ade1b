import type { Conversation, Message, TimelineEvent } from './types';

/** A push offer waiting for this agent's answer (routing's GET /api/v1/me/offers and `offer.*` events). */
export type Offer = {
  id: string;
  conversationId: string;
  expiresAt: string;
  createdAt: string | null;
  conversation: Conversation | null;
  queueName: string | null;
  firstMessage: string | null;
};

export type WorkspaceState = {
  conversations: Record<string, Conversation>;
  /** Threads loaded so far, oldest message first. */
  messages: Record<string, Message[]>;
  timelines: Record<string, TimelineEvent[]>;
  unread: Record<string, number>;
  offers: Offer[];
};

export type WorkspaceAction =
  | { type: 'conversations'; items: Conversation[] }
  | { type: 'conversation'; conversation: Conversation }
  | { type: 'messages'; conversationId: string; items: Message[] }
  | { type: 'message'; message: Message; created: boolean; viewing: boolean }
  | { type: 'timeline'; conversationId: string; items: TimelineEvent[] }
  | { type: 'seen'; conversationId: string }
  /** The server's count after a read mark (this tab's or another's). */
  | { type: 'read'; conversationId: string; unreadCount: number }
  | { type: 'offers'; items: Offer[] }
  | { type: 'offer'; offer: Offer }
  | { type: 'offer-gone'; offerId?: string; conversationId?: string };

export const emptyWorkspace: WorkspaceState = { conversations: {}, messages: {}, timelines: {}, unread: {}, offers: [] };

const STATUS_RANK: Record<string, number> = { accepted: 0, queued: 1, sending: 2, sent: 3, delivered: 4, undelivered: 5, failed: 5, read: 6, received: 0 };
const rank = (status: string) => STATUS_RANK[status] ?? 0;
const DAY = 24 * 3600_000;

/** The live model of the workspace: REST answers and realtime events both land here. */
export function workspaceReducer(state: WorkspaceState, action: WorkspaceAction): WorkspaceState {
  switch (action.type) {
    case 'conversations': {
      const conversations = { ...state.conversations };
      const unread = { ...state.unread };
      for (const c of action.items) {
        unread[c.id] = countFrom(conversations[c.id], c) ?? unread[c.id] ?? 0;
        conversations[c.id] = newer(conversations[c.id], c);
      }
      return { ...state, conversations, unread };
    }
    case 'conversation': {
      const c = action.conversation;
      // Realtime events carry no count (they reach many people); the API's answers to us do.
      const count = countFrom(state.conversations[c.id], c);
      const unread = count === undefined ? state.unread : { ...state.unread, [c.id]: count };
      return { ...state, unread, conversations: { ...state.conversations, [c.id]: newer(state.conversations[c.id], c) } };
    }
    case 'messages':
      return { ...state, messages: { ...state.messages, [action.conversationId]: action.items } };
    case 'message':
      return applyMessage(state, action.message, action.created, action.viewing);
    case 'timeline':
      return { ...state, timelines: { ...state.timelines, [action.conversationId]: action.items } };
    case 'seen':
      return state.unread[action.conversationId] ? { ...state, unread: { ...state.unread, [action.conversationId]: 0 } } : state;
    case 'read':
      return { ...state, unread: { ...state.unread, [action.conversationId]: action.unreadCount } };
    case 'offers':
      return { ...state, offers: action.items };
    case 'offer':
      return { ...state, offers: [...state.offers.filter((o) => o.id !== action.offer.id && o.conversationId !== action.offer.conversationId), action.offer] };
    case 'offer-gone':
      return { ...state, offers: state.offers.filter((o) => o.id !== action.offerId && o.conversationId !== action.conversationId) };
  }
}

/**
 * The unread count an API answer brings, unless the answer is older than the conversation we hold:
 * a list read before a message arrived can land after that message's event, and must not undo its count.
 */
function countFrom(current: Conversation | undefined, incoming: Conversation): number | undefined {
  if (incoming.unreadCount === undefined) return undefined;
  if (current && Date.parse(incoming.lastMessageAt) < Date.parse(current.lastMessageAt)) return undefined;
  return incoming.unreadCount;
}

/**
 * Keeps the later view of a conversation (events can cross a slower REST answer): the higher version,
 * with the last message we know of, which a message event may have brought after that view was read.
 */
function newer(current: Conversation | undefined, incoming: Conversation): Conversation {
  if (!current) return incoming;
  const later = incoming.version < current.version ? current : incoming;
  return Date.parse(later.lastMessageAt) < Date.parse(current.lastMessageAt) ? { ...later, lastMessageAt: current.lastMessageAt, lastMessage: current.lastMessage } : later;
}

function applyMessage(state: WorkspaceState, message: Message, created: boolean, viewing: boolean): WorkspaceState {
  const thread = state.messages[message.conversationId];
  const known = thread?.find((m) => m.id === message.id);
  const messages = thread ? { ...state.messages, [message.conversationId]: upsertMessage(thread, message) } : state.messages;
  const isNewInbound = created && !known && message.direction === 'inbound';
  const unread = isNewInbound && !viewing ? { ...state.unread, [message.conversationId]: (state.unread[message.conversationId] ?? 0) + 1 } : state.unread;
  const conversation = state.conversations[message.conversationId];
  const conversations = conversation ? { ...state.conversations, [conversation.id]: withLastMessage(conversation, message) } : state.conversations;
  return { ...state, messages, unread, conversations };
}

function upsertMessage(thread: Message[], message: Message): Message[] {
  const index = thread.findIndex((m) => m.id === message.id);
  if (index === -1) return [...thread, message].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  const current = thread[index];
  // A status never moves backwards, even if events arrive out of order; except a failed message
  // that was retried since (a newer statusAt), which starts its journey again.
  const retried = (current.status === 'failed' || current.status === 'undelivered') && Date.parse(message.statusAt) > Date.parse(current.statusAt);
  const kept = !retried && rank(message.status) < rank(current.status) ? { ...message, status: current.status, errorCode: current.errorCode, errorMessage: current.errorMessage } : message;
  return thread.map((m, i) => (i === index ? kept : m));
}

function withLastMessage(c: Conversation, m: Message): Conversation {
  if (Date.parse(m.createdAt) < Date.parse(c.lastMessageAt)) return c;
  // A message event carries the writer's id, not their name: the list names a colleague from what it last heard.
  const senderName = m.senderUserId && m.senderUserId === c.lastMessage?.senderUserId ? c.lastMessage.senderName : null;
  const lastMessage = { body: m.body, direction: m.direction, kind: m.kind, createdAt: m.createdAt, senderUserId: m.senderUserId, senderName };
  const inbound = m.direction === 'inbound'
    ? { lastInboundAt: m.createdAt, windowExpiresAt: new Date(Date.parse(m.createdAt) + DAY).toISOString(), windowOpen: true }
    : {};
  return { ...c, lastMessageAt: m.createdAt, lastMessage, ...inbound };
}
