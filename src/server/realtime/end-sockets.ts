import type { EventBus, RealtimeEvent } from './event-bus.js';

/** Internal to the servers: never forwarded to a browser. */
const SOCKETS_ENDED = 'user.sockets-ended';

/** WebSocket close codes the web app acts on: sign in again, or reconnect at once. */
export const CLOSE_SIGNED_OUT = 4401;
export const CLOSE_RECONNECT = 1012;

/**
 * Which of a user's realtime sockets to close: every one, those opened with some sessions, or all
 * but those of one session. Sessions are named by their stored hash, never by their token.
 */
export type SocketsEnd = { userId: string; sessions?: string[]; exceptSession?: string; code: number; reason: string };

/**
 * Closes the sockets on every process: the event travels on the realtime bus (LISTEN/NOTIFY on
 * PostgreSQL), and each process closes the matching sockets it holds. Publish after commit.
 */
export function endUserSockets(events: EventBus, end: SocketsEnd): void {
  events.publish({ type: SOCKETS_ENDED, audience: { queueId: null, agentId: end.userId }, data: end });
}

export const isSocketsEnd = (event: RealtimeEvent) => event.type === SOCKETS_ENDED;

/** Does the event end the socket this user opened with this session? */
export function endsSocket(event: RealtimeEvent, userId: string, sessionHash: string): boolean {
  const end = event.data as SocketsEnd;
  if (end.userId !== userId) return false;
  if (end.sessions && !end.sessions.includes(sessionHash)) return false;
  return end.exceptSession !== sessionHash;
}
