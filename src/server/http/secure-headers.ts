import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { contentSecurityPolicy } from './content-security-policy.js';

/**
 * Helmet's headers, computed once. They depend on the configuration only (no nonces), and building
 * helmet on every request (CSP parsing included), as @fastify/helmet does, is the largest CPU cost
 * of a webhook after the database's.
 */
export function secureHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const collector = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader() {},
  };
  helmet(options)({} as IncomingMessage, collector as unknown as ServerResponse, () => {});
  return headers;
}

/** Every answer carries the secure headers: the CSP of content-security-policy.ts, no framing, and helmet's other defaults. */
export function registerSecureHeaders(app: FastifyInstance, publicUrl: string): void {
  const headers = secureHeaders({
    contentSecurityPolicy: contentSecurityPolicy(publicUrl),
    // The same answer as frame-ancestors 'none', for browsers that only read X-Frame-Options.
    frameguard: { action: 'deny' },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
