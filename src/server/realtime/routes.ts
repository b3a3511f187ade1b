import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { findSessionUser, sessionHash } from '../auth/sessions.js';
import { SESSION_COOKIE } from '../auth/plugin.js';
import { queueIdsOf } from '../users/store.js';
import { shouldReceive, type Listener } from './audience.js';
import { connectionTracker } from '../users/presence.js';
import { refuseCrossSite } from '../http/same-origin.js';
import { CLOSE_RECONNECT, CLOSE_SIGNED_OUT, endsSocket, isSocketsEnd, type SocketsEnd } from './end-sockets.js';

const REFRESH_MEMBERSHIP_MS = 30_000;
const PING_MS = 25_000;
/** WebSocket close code 1012, "service restart": the client should reconnect. */
const RECONNECT_TO_CATCH_UP = CLOSE_RECONNECT;

/**
 * GET /api/v1/realtime (WebSocket). Browsers authenticate with the session cookie, other clients
 * with ?token=. Each message is JSON {type, data}. A page of another site may not open it: the
 * browser would send the session cookie along (cross-site WebSocket hijacking).
 */
export const realtimeRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;
  // Automatic presence: Offline once an agent's last connection has been gone 2.5 minutes.
  const connections = connectionTracker(ctx);
  const preValidation = async (request: FastifyRequest) => refuseCrossSite(request, ctx.config, 'The realtime connection');
  app.get<{ Querystring: { token?: string } }>('/realtime', { websocket: true, config: { public: true }, preValidation, schema: { tags: ['realtime'], hide: true } }, async (socket, request) => {
    const token = request.query.token ?? request.cookies[SESSION_COOKIE];
    const user = token ? await findSessionUser(ctx.db, token, ctx.now()) : null;
    if (!token || !user) {
      socket.close(CLOSE_SIGNED_OUT, 'Sign in first.');
      return;
    }
    const session = sessionHash(token);
    const listener: Listener = { userId: user.id, role: user.role, queueIds: await queueIdsOf(ctx.db, user.id) };
    const unsubscribe = ctx.events.subscribe((event) => {
      if (isSocketsEnd(event)) {
        // Signed out, deactivated, password or role changed: on whichever process published it.
        if (endsSocket(event, user.id, session)) socket.close((event.data as SocketsEnd).code, (event.data as SocketsEnd).reason);
        return;
      }
      if (socket.readyState === socket.OPEN && shouldReceive(listener, event)) socket.send(JSON.stringify({ type: event.type, data: event.data }));
    });
    // A sign-out or role change that landed between the check above and the subscription.
    const current = await findSessionUser(ctx.db, token, ctx.now());
    if (!current || current.role !== user.role) {
      unsubscribe();
      socket.close(current ? CLOSE_RECONNECT : CLOSE_SIGNED_OUT, current ? 'Your role changed; reconnect.' : 'Sign in first.');
      return;
    }
    if (socket.readyState !== socket.OPEN) {
      unsubscribe();
      return;
    }
    // Browsers reload everything when they reconnect: the simplest complete catch-up after a gap.
    const stopResync = ctx.events.onResync?.(() => socket.close(RECONNECT_TO_CATCH_UP, 'Realtime events may have been missed; reconnect to catch up.'));
    const refresh = setInterval(() => {
      queueIdsOf(ctx.db, user.id).then((ids) => (listener.queueIds = ids), () => {});
    }, REFRESH_MEMBERSHIP_MS);
    const ping = setInterval(() => socket.ping(), PING_MS);
    const recorded = connections.connected(user.id);
    ctx.metrics.webSockets.inc();
    socket.on('close', () => {
      ctx.metrics.webSockets.dec();
      void connections.disconnected(user.id);
      unsubscribe();
      stopResync?.();
      clearInterval(refresh);
      clearInterval(ping);
    });
    // Hello once the connection is recorded (seen, and back from a system Offline): a client that
    // reads its presence after hello finds it current.
    await recorded;
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type: 'hello', data: { userId: user.id } }));
  });
};
