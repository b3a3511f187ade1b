import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The process's Prometheus metrics; one registry per app so tests can run many apps side by side. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'switchboard_process_' });
  return {
    registry,
    webhooks: new Counter({
      name: 'switchboard_webhooks_total',
      help: 'Twilio webhooks received, by kind (inbound, status) and outcome (stored, duplicate, unmatched, applied, ignored, kept, rejected)',
      labelNames: ['kind', 'outcome'] as const,
      registers: [registry],
    }),
    messagesSent: new Counter({ name: 'switchboard_messages_sent_total', help: 'Outbound messages accepted by Twilio', registers: [registry] }),
    messagesFailed: new Counter({
      name: 'switchboard_messages_failed_total',
      help: 'Outbound messages that failed, by Twilio error code (0 when there is none)',
      labelNames: ['code'] as const,
      registers: [registry],
    }),
    assignmentSeconds: new Histogram({
      name: 'switchboard_assignment_duration_seconds',
      help: 'Time to take one assignment decision',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    webSockets: new Gauge({ name: 'switchboard_websocket_connections', help: 'Open realtime WebSocket connections', registers: [registry] }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
