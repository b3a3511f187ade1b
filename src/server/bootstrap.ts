import { join } from 'node:path';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { openDatabase, type Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { createSecretBox, loadEncryptionKey } from './crypto/secret-box.js';
import { createLocalEventBus } from './realtime/event-bus.js';
import { createPgEventBus } from './realtime/pg-event-bus.js';
import { createLocalMediaStore } from './media/local-media-store.js';
import { createPostgresMediaStore } from './media/postgres-media-store.js';
import { createKeepAliveFetch } from './http/keep-alive-fetch.js';
import { guardedFetch } from './http/outbound-guard.js';
import { createTwilioClient } from './channels/twilio/twilio-client.js';
import { createMetrics } from './metrics/metrics.js';

/** Opens the database, applies migrations and builds the context every service receives. */
export async function createContext(config: Config, opts: { database?: Database; fetch?: typeof fetch } = {}): Promise<AppContext> {
  const database = opts.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, preparedStatements: config.preparedStatements }));
  await migrate(database);
  const fetchImpl = opts.fetch ?? fetch;
  // Several processes on one PostgreSQL hear each other's events; the embedded database is one process.
  const events = database.connectionString ? await createPgEventBus(database.db, database.connectionString) : createLocalEventBus();
  return {
    config,
    database,
    db: database.db,
    secrets: createSecretBox(await loadEncryptionKey({ secret: config.secret, dataDir: config.dataDir })),
    events,
    media: config.mediaStore === 'postgres' ? createPostgresMediaStore(database.db) : createLocalMediaStore(join(config.dataDir, 'media')),
    // Tests hand in a fetch (a contract check around it); otherwise Twilio gets the lighter keep-alive transport.
    twilio: createTwilioClient(opts.fetch ?? createKeepAliveFetch()),
    fetch: fetchImpl,
    // The allow-list is read at each call, so a changed setting applies at once.
    outboundFetch: (url, init) => guardedFetch(url, init, config.outboundAllowedHosts),
    now: () => new Date(),
    metrics: createMetrics(),
    lifecycle: { shuttingDown: false },
    signals: { outboxQueued() {}, mediaQueued() {}, botQueued() {}, inboxQueued() {}, redactionQueued() {} },
  };
}
