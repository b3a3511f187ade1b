import { useEffect, useRef, useState } from 'react';

/** The close code the server uses when the socket's session is gone. */
const SESSION_ENDED = 4401;
export const SESSION_ENDED_EVENT = 'switchboard:session-ended';

export type RealtimeMessage = { type: string; data: Record<string, any> };

/**
 * One WebSocket to /api/v1/realtime (the session cookie authenticates it), reconnecting with
 * backoff. `onMessage` sees every event the server lets this user hear.
 */
export function useRealtime(onMessage: (message: RealtimeMessage) => void): { connected: boolean } {
  const [connected, setConnected] = useState(false);
  const handler = useRef(onMessage);
  handler.current = onMessage;
  useEffect(() => {
    let socket: WebSocket | null = null;
    let closed = false;
    let retry = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
      socket = new WebSocket(`${scheme}://${location.host}/api/v1/realtime`);
      socket.onopen = () => {
        retry = 0;
        setConnected(true);
      };
      socket.onmessage = (event) => {
        try {
          handler.current(JSON.parse(event.data as string) as RealtimeMessage);
        } catch {
          /* ignore a malformed frame */
        }
      };
      socket.onclose = (event) => {
        setConnected(false);
        if (closed) return;
        // Signed out elsewhere, deactivated or the password changed: the app re-checks the session.
        if (event.code === SESSION_ENDED) window.dispatchEvent(new Event(SESSION_ENDED_EVENT));
        timer = setTimeout(connect, Math.min(1000 * 2 ** retry++, 15_000));
      };
    };
    connect();
    return () => {
      closed = true;
      clearTimeout(timer);
      socket?.close();
    };
  }, []);
  return { connected };
}
