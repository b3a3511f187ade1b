import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { api } from '../shell/api';
import { useRealtime, type RealtimeMessage } from '../shell/realtime';
import type { Conversation, Message, TimelineEvent } from './types';
import { emptyWorkspace, workspaceReducer, type Offer } from './workspace-state';

type Items<T> = { items: T[] };

const MINE_QUERY = '/api/v1/conversations?assigneeId=me&state=active,waiting,wrap-up';
const OPEN_QUERY = '/api/v1/conversations?state=open&assigneeId=none';
const CONSULTING_QUERY = '/api/v1/conversations?participantId=me&state=open,active,waiting,wrap-up';

/** Reads an offer as routing sends it, tolerating the fields it may add or leave out. */
export function toOffer(raw: Record<string, any>): Offer | null {
  const conversation = (raw.conversation ?? null) as Conversation | null;
  const conversationId = raw.conversationId ?? conversation?.id;
  if (!raw.id || !conversationId || !raw.expiresAt) return null;
  return {
    id: String(raw.id),
    conversationId: String(conversationId),
    expiresAt: String(raw.expiresAt),
    createdAt: raw.createdAt ? String(raw.createdAt) : null,
    conversation,
    queueName: raw.queueName ?? raw.queue?.name ?? null,
    firstMessage: (typeof raw.firstMessage === 'string' ? raw.firstMessage : raw.firstMessage?.body) ?? conversation?.lastMessage?.body ?? null,
  };
}

export type WorkspaceHandlers = {
  onOffer?(offer: Offer): void;
  onInbound?(message: Message, conversation: Conversation | undefined): void;
  /** The server changed this agent's presence (capacity full, missed offers, gone offline). */
  onPresence?(presence: string): void;
  /** A colleague asked this agent to consult on a conversation. */
  onConsultInvited?(invite: ConsultInvite): void;
};

export type ConsultInvite = { conversation: Conversation; invitedByName: string | null };

/**
 * The agent's live workspace: the lists (mine and open), loaded threads and timelines, unread
 * counts and push offers, filled by the REST API and kept current by the realtime socket.
 */
export function useWorkspace(userId: string, selectedId: string | null, handlers: WorkspaceHandlers = {}) {
  const [state, dispatch] = useReducer(workspaceReducer, emptyWorkspace);
  const selected = useRef(selectedId);
  selected.current = selectedId;
  const handlerRef = useRef(handlers);
  handlerRef.current = handlers;
  const stateRef = useRef(state);
  stateRef.current = state;
  const [capacity, setCapacity] = useState<{ used: number; total: number } | null>(null);
  const capacityTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  /** Capacity moves with assignments, wrap-ups and offers; ask again shortly after any of them. */
  const refreshCapacity = useCallback(() => {
    clearTimeout(capacityTimer.current);
    capacityTimer.current = setTimeout(() => {
      api<{ used: number; total: number }>('GET', '/api/v1/me/capacity').then(setCapacity, () => {});
    }, 250);
  }, []);

  const loadLists = useCallback(async () => {
    const lists = await Promise.all([MINE_QUERY, OPEN_QUERY, CONSULTING_QUERY].map((query) => api<Items<Conversation>>('GET', query)));
    dispatch({ type: 'conversations', items: lists.flatMap((list) => list.items) });
  }, []);

  const loadOffers = useCallback(async () => {
    const answer = await api<Items<Record<string, any>>>('GET', '/api/v1/me/offers');
    dispatch({ type: 'offers', items: answer.items.map(toOffer).filter((o): o is Offer => o !== null) });
  }, []);

  const loadConversation = useCallback(async (id: string) => {
    const conversation = await api<Conversation>('GET', `/api/v1/conversations/${id}`);
    dispatch({ type: 'conversation', conversation });
    return conversation;
  }, []);

  const loadTimeline = useCallback(async (id: string) => {
    const timeline = await api<Items<TimelineEvent>>('GET', `/api/v1/conversations/${id}/timeline`);
    dispatch({ type: 'timeline', conversationId: id, items: timeline.items });
  }, []);

  const loadThread = useCallback(async (id: string) => {
    const [messages] = await Promise.all([
      api<Items<Message>>('GET', `/api/v1/conversations/${id}/messages`),
      loadConversation(id),
      loadTimeline(id),
    ]);
    dispatch({ type: 'messages', conversationId: id, items: messages.items });
  }, [loadConversation, loadTimeline]);

  /** The agent looked at the conversation: unread goes to zero here, and the server keeps the mark for the next load. */
  const seen = useCallback((id: string, upTo?: string) => {
    dispatch({ type: 'seen', conversationId: id });
    const messageId = upTo ?? stateRef.current.messages[id]?.at(-1)?.id;
    api<{ unreadCount: number }>('POST', `/api/v1/conversations/${id}/read`, { body: messageId ? { messageId } : {} }).then(
      (mark) => dispatch({ type: 'read', conversationId: id, unreadCount: mark.unreadCount }),
      () => {},
    );
  }, []);

  const onConversation = (conversation: Conversation) => {
    const wasMine = stateRef.current.conversations[conversation.id]?.assignedAgentId === userId;
    dispatch({ type: 'conversation', conversation });
    if (conversation.state !== 'open') dispatch({ type: 'offer-gone', conversationId: conversation.id });
    if (stateRef.current.timelines[conversation.id]) void loadTimeline(conversation.id).catch(() => {});
    if (wasMine || conversation.assignedAgentId === userId) refreshCapacity();
  };

  const onMessage = (message: Message, created: boolean) => {
    const viewing = selected.current === message.conversationId && document.visibilityState === 'visible';
    dispatch({ type: 'message', message, created, viewing });
    if (viewing && created && message.direction === 'inbound') seen(message.conversationId, message.id);
    const conversation = stateRef.current.conversations[message.conversationId];
    if (!conversation) void loadConversation(message.conversationId).catch(() => {});
    if (created && message.direction === 'inbound') handlerRef.current.onInbound?.(message, conversation);
  };

  const onOffer = (type: string, data: Record<string, any>) => {
    refreshCapacity();
    if (type !== 'offer.created') {
      // offer.expired, offer.withdrawn (rejected, taken back): {offerId, conversationId}
      dispatch({ type: 'offer-gone', offerId: data.offerId ?? data.offer?.id, conversationId: data.conversationId ?? data.offer?.conversationId });
      return;
    }
    // The offer and its conversation travel side by side ({offer, conversation}); a transfer's offer comes alone.
    const raw = data.offer ?? data;
    const offer = toOffer({ ...raw, conversation: raw.conversation ?? data.conversation ?? stateRef.current.conversations[raw.conversationId] ?? null });
    if (!offer) return;
    dispatch({ type: 'offer', offer });
    if (offer.conversation) dispatch({ type: 'conversation', conversation: offer.conversation });
    else void loadConversation(offer.conversationId).catch(() => {});
    handlerRef.current.onOffer?.(offer);
  };

  const onEvent = (event: RealtimeMessage) => {
    const { type, data } = event;
    if (type === 'conversation.created' || type === 'conversation.updated') onConversation(data.conversation as Conversation);
    else if (type === 'message.created' || type === 'message.updated') onMessage(data.message as Message, type === 'message.created');
    else if (type === 'conversation.note') {
      const id = String(data.conversationId);
      if (stateRef.current.timelines[id]) void loadTimeline(id).catch(() => {});
    } else if (type.startsWith('offer.')) onOffer(type, data);
    else if (type === 'presence.changed' && data.userId === userId) handlerRef.current.onPresence?.(String(data.presence));
    else if (type === 'conversation.read' && data.userId === userId) dispatch({ type: 'read', conversationId: String(data.conversationId), unreadCount: Number(data.unreadCount) });
    else if (type === 'consult.invited') {
      const conversation = data.conversation as Conversation;
      dispatch({ type: 'conversation', conversation });
      handlerRef.current.onConsultInvited?.({ conversation, invitedByName: data.invitedByName ?? null });
    }
  };

  const { connected } = useRealtime(onEvent);
  const loadedOnce = useRef(false);

  // Load on start and catch up on every (re)connection: events sent while away are not replayed.
  useEffect(() => {
    if (!connected && loadedOnce.current) return;
    loadedOnce.current = true;
    void loadLists().catch(() => {});
    void loadOffers().catch(() => {});
    refreshCapacity();
    if (selected.current) void loadThread(selected.current).catch(() => {});
  }, [connected, loadLists, loadOffers, loadThread, refreshCapacity]);

  return { state, stateRef, dispatch, connected, capacity, refreshCapacity, loadLists, loadThread, loadConversation, loadTimeline, seen };
}
