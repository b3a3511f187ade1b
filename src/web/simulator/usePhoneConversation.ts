import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../shell/api';
import type { PhoneMessage } from './types';
import { belongsTo, E164, upsertPhoneMessage } from './phone-thread';

/**
 * The chat between one customer number and one business number: loaded over HTTP, then kept live
 * by the simulator's WebSocket (reconnecting with backoff, reloading after each reconnection).
 */
export function usePhoneConversation(customer: string, business: string) {
  const [thread, setThread] = useState<PhoneMessage[]>([]);
  const [connected, setConnected] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ready = E164.test(customer) && E164.test(business);
  const ends = useRef({ customer, business });
  ends.current = { customer, business };

  const reload = useCallback(async () => {
    if (!ready) return;
    try {
      const answer = await api<{ items: PhoneMessage[] }>('GET', `/simulator/api/phone/${encodeURIComponent(customer)}/messages?with=${encodeURIComponent(business)}`);
      setThread(answer.items.reduce(upsertPhoneMessage, [] as PhoneMessage[]));
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  }, [customer, business, ready]);

  const upsert = useCallback((message: PhoneMessage) => {
    const { customer: c, business: b } = ends.current;
    if (belongsTo(message, c, b)) setThread((current) => upsertPhoneMessage(current, message));
  }, []);

  useEffect(() => {
    setThread([]);
    if (!ready) return;
    let socket: WebSocket | null = null;
    let closed = false;
    let retry = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
      socket = new WebSocket(`${scheme}://${location.host}/simulator/api/live?phone=${encodeURIComponent(customer)}`);
      socket.onopen = () => {
        retry = 0;
        setConnected(true);
        void reload();
      };
      socket.onmessage = (event) => {
        try {
          const frame = JSON.parse(event.data as string) as { type: string; message?: PhoneMessage };
          if (frame.type === 'message' && frame.message) upsert(frame.message);
        } catch {
          /* ignore a malformed frame */
        }
      };
      socket.onclose = () => {
        setConnected(false);
        if (!closed) timer = setTimeout(connect, Math.min(1000 * 2 ** retry++, 15_000));
      };
    };
    void reload();
    connect();
    return () => {
      closed = true;
      clearTimeout(timer);
      socket?.close();
    };
  }, [customer, business, ready, reload, upsert]);

  return { thread, connected, error, reload, upsert };
}
