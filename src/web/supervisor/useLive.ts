import { useEffect, useRef } from 'react';
import { useResource } from '../shell/use-resource';
import { useRealtime, type RealtimeMessage } from '../shell/realtime';
import type { Live, LiveConversation } from './types';

/** Events after which the floor looks different. */
const FLOOR_EVENTS = /^(conversation\.|message\.created|presence\.changed|offer\.)/;
const REFRESH_MS = 5000;
const DEBOUNCE_MS = 250;

/**
 * The floor, refreshed as the WebSocket reports changes (debounced: a burst of events costs one
 * fetch) and every few seconds so waiting times keep counting.
 */
export function useLiveFloor(onEvent?: (message: RealtimeMessage) => void, channel = '') {
  const live = useResource<Live>(`/api/v1/insights/live${channel ? `?channel=${encodeURIComponent(channel)}` : ''}`);
  const conversations = useResource<{ items: LiveConversation[] }>('/api/v1/conversations?state=open,active,waiting,wrap-up&limit=200');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const reload = useRef(() => {});
  reload.current = () => {
    void live.reload();
    void conversations.reload();
  };
  const { connected } = useRealtime((message) => {
    onEvent?.(message);
    if (!FLOOR_EVENTS.test(message.type)) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => reload.current(), DEBOUNCE_MS);
  });
  useEffect(() => {
    const interval = setInterval(() => reload.current(), REFRESH_MS);
    return () => {
      clearInterval(interval);
      clearTimeout(timer.current);
    };
  }, []);
  return { live, conversations, connected, reload: () => reload.current() };
}
