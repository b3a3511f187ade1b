import type { Config } from './config.js';
import type { Database, Db } from './db/database.js';
import type { SecretBox } from './crypto/secret-box.js';
import type { EventBus } from './realtime/event-bus.js';
import type { MediaStore } from './media/media-store.js';
import type { TwilioClient } from './channels/twilio/twilio-client.js';
import type { Metrics } from './metrics/metrics.js';
import type { OutboundFetch } from './http/outbound-guard.js';

/** What the domain services need from the outside world, built once per process. */
export type AppContext = {
  config: Config;
  database: Database;
  db: Db;
  secrets: SecretBox;
  events: EventBus;
  media: MediaStore;
  /** Every call to Twilio's REST API goes through this client. */
  twilio: TwilioClient;
  /** fetch used for calls leaving the process (media downloads); tests may wrap it. */
  fetch: typeof fetch;
  /** fetch for addresses someone typed (the HTTP bot): through the outbound guard, with OUTBOUND_ALLOWED_HOSTS. */
  outboundFetch: OutboundFetch;
  now: () => Date;
  metrics: Metrics;
  /** Set when the process begins a graceful shutdown: /readyz turns unready so load balancers drain it. */
  lifecycle: { shuttingDown: boolean };
  /** Nudges background workers after a commit gives them work; no-ops until workers start. */
  signals: { outboxQueued(): void; mediaQueued(): void; botQueued(): void; inboxQueued(): void; redactionQueued(): void };
};
