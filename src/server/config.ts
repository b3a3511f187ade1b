import { resolve } from 'node:path';

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
  /** Mount the built-in Twilio simulator. */
  simulator: boolean;
  secureCookies: boolean;
  /** Webhooks processed inside their own request at once in this process; more wait in the inbox for a worker. */
  inboundInlineLimit: number;
  /** Which proxies' X-Forwarded-For to believe (Fastify's trustProxy): off unless TRUST_PROXY says. */
  trustProxy: boolean | string;
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
    simulator: env.SIMULATOR !== 'false',
    secureCookies: publicUrl.startsWith('https://'),
    // Bounds how long a burst's webhooks wait for their answer (~200 ÷ the rate stored per second);
    // below it, a webhook handed to the workers costs them a pass and reaches the agent later.
    inboundInlineLimit: nonNegativeInteger(env, 'INBOUND_INLINE_LIMIT', 200),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    shutdownDrainSeconds: nonNegativeInteger(env, 'SHUTDOWN_DRAIN_SECONDS', 5),
  };
}

function nonNegativeInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number of 0 or more, got "${raw}"`);
  return n;
}

/** "true" (any proxy), or the addresses/CIDRs (comma-separated) of the proxies in front. */
function parseTrustProxy(raw: string | undefined): boolean | string {
  if (!raw || raw === 'false') return false;
  return raw === 'true' ? true : raw;
}
