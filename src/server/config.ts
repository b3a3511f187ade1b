import { resolve } from 'node:path';
import type { MediaStoreKind } from './media/media-store.js';

export type Config = {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl?: string;
  /** Send repeated statements as named prepared statements (PostgreSQL only); off for poolers that cannot keep them. */
  preparedStatements: boolean;
  /** Secret for encrypting Twilio auth tokens; a key file in dataDir is used when absent. */
  secret?: string;
  twilioApiBaseUrl: string;
  seedDemo: boolean;
  adminEmail?: string;
  adminPassword?: string;
  logLevel: string;
  /** Start the background workers (outbox, media). Tests switch them off to drive them by hand. */
  workers: boolean;
  /** Mount the built-in Twilio simulator: on unless NODE_ENV=production, where SIMULATOR=true turns it on. */
  simulator: boolean;
  secureCookies: boolean;
  /** Webhooks processed inside their own request at once in this process; more wait in the inbox for a worker. */
  inboundInlineLimit: number;
  /** Which proxies' X-Forwarded-For to believe (Fastify's trustProxy): off unless TRUST_PROXY says. */
  trustProxy: boolean | string;
  /** Origins besides PUBLIC_URL's whose pages may open the realtime WebSocket and sign in (ALLOWED_ORIGINS). */
  allowedOrigins: string[];
  /** Sign-in attempts not yet succeeded that one client address may make per 15 minutes, counted in the database. */
  loginAddressLimit: number;
  /** Sign-in requests one client address may send per minute to this process, before any database work (0: no such limit). */
  loginRateLimit: number;
  /** When set, GET /metrics answers only `Authorization: Bearer <this>`. */
  metricsToken?: string;
  /** Hosts (or host:port) that addresses someone typed may reach although they are private or loopback: on-premise bots, tests. */
  outboundAllowedHosts: string[];
  /** Where media bytes live: in PostgreSQL (shared by every process) or under DATA_DIR/media (one process). */
  mediaStore: MediaStoreKind;
  /** After SIGTERM, how long /readyz answers 503 while the process still serves, so load balancers stop sending first. */
  shutdownDrainSeconds: number;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    publicUrl,
    dataDir: resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    preparedStatements: env.DATABASE_PREPARED_STATEMENTS !== 'false',
    secret: env.SWITCHBOARD_SECRET || undefined,
    twilioApiBaseUrl: (env.TWILIO_API_BASE_URL ?? 'https://api.twilio.com').replace(/\/+$/, ''),
    seedDemo: env.SEED_DEMO !== 'false',
    adminEmail: env.ADMIN_EMAIL || undefined,
    adminPassword: env.ADMIN_PASSWORD || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    workers: env.WORKERS !== 'false',
    simulator: simulatorEnabled(env),
    secureCookies: publicUrl.startsWith('https://'),
    // Bounds how long a burst's webhooks wait for their answer (~200 ÷ the rate stored per second);
    // below it, a webhook handed to the workers costs them a pass and reaches the agent later.
    inboundInlineLimit: nonNegativeInteger(env, 'INBOUND_INLINE_LIMIT', 200),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    allowedOrigins: parseOrigins(env.ALLOWED_ORIGINS),
    loginAddressLimit: positiveInteger(env, 'LOGIN_ADDRESS_LIMIT', 20),
    // A coarse guard against floods, in memory; the database counters hold the real limits.
    loginRateLimit: nonNegativeInteger(env, 'LOGIN_RATE_LIMIT', 300),
    metricsToken: env.METRICS_TOKEN || undefined,
    outboundAllowedHosts: (env.OUTBOUND_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean),
    mediaStore: parseMediaStore(env.MEDIA_STORE, Boolean(env.DATABASE_URL)),
    shutdownDrainSeconds: nonNegativeInteger(env, 'SHUTDOWN_DRAIN_SECONDS', 5),
  };
}

/** A development tool that answers signed-in users only: production installs opt in explicitly. */
function simulatorEnabled(env: NodeJS.ProcessEnv): boolean {
  const raw = env.SIMULATOR;
  if (raw === undefined || raw === '') return env.NODE_ENV !== 'production';
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new Error(`SIMULATOR must be true or false, got "${raw}"`);
}

/** Several processes share PostgreSQL, so media goes there by default; the embedded database is one process. */
function parseMediaStore(raw: string | undefined, onPostgres: boolean): MediaStoreKind {
  if (!raw) return onPostgres ? 'postgres' : 'local';
  if (raw === 'local' || raw === 'postgres') return raw;
  if (raw === 's3') throw new Error('MEDIA_STORE=s3 is not offered: an S3 store cannot be tested here yet. Use postgres (shared by every process) or local.');
  throw new Error(`MEDIA_STORE must be local or postgres, got "${raw}"`);
}

function nonNegativeInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number of 0 or more, got "${raw}"`);
  return n;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const n = nonNegativeInteger(env, name, fallback);
  if (n === 0) throw new Error(`${name} must be a whole number of 1 or more, got "${env[name]}"`);
  return n;
}

/** "true" (any proxy), or the addresses/CIDRs (comma-separated) of the proxies in front. */
function parseTrustProxy(raw: string | undefined): boolean | string {
  if (!raw || raw === 'false') return false;
  return raw === 'true' ? true : raw;
}

/** "https://a.example.com,https://b.example.com" → each origin as browsers send it (scheme://host[:port]). */
function parseOrigins(raw: string | undefined): string[] {
  if (!raw?.trim()) return [];
  return raw.split(',').map((item) => item.trim()).filter(Boolean).map((item) => {
    let url: URL;
    try {
      url = new URL(item);
    } catch {
      throw new Error(`ALLOWED_ORIGINS must list origins such as https://support.example.com, got "${item}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`ALLOWED_ORIGINS must list http or https origins, got "${item}"`);
    return url.origin;
  });
}
