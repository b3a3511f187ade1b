import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import pg from 'pg';
import { sql } from 'kysely';
import type { Db, Executor } from '../db/database.js';
import { PLAN_EACH_CALL } from '../db/statement-cache.js';
import type { EventBus, RealtimeEvent } from './event-bus.js';

const CHANNEL = 'switchboard_events';
const MAX_NOTIFY_BYTES = 7900;
const RECONNECT_MS = 1000;
const SPILL_TTL_MINUTES = 5;

/** One notification: a run of events, or the id of one event parked in realtime_spill. */
type Envelope = { origin: string; events?: RealtimeEvent[]; event?: RealtimeEvent; spill?: string };

/**
 * An event parked in realtime_spill. The table is empty most of the time; a plan cached then read
 * all of it for each event fetched once a burst of large events was parked.
 */
export async function readSpilledEvent(db: Executor, id: string): Promise<RealtimeEvent | undefined> {
  const result = await sql<{ payload: RealtimeEvent }>`${sql.raw(PLAN_EACH_CALL)} SELECT payload FROM realtime_spill WHERE id = ${id}`.execute(db);
  return result.rows[0]?.payload;
}

/**
 * Packs the events published in one turn of the event loop into as few notifications as fit
 * PostgreSQL's payload limit, in order. An event that alone is too large is answered as `oversized`.
 */
export function packEvents(origin: string, events: RealtimeEvent[], maxBytes = MAX_NOTIFY_BYTES): Array<{ payload: string } | { oversized: RealtimeEvent }> {
  const packed: Array<{ payload: string } | { oversized: RealtimeEvent }> = [];
  const emptyBytes = Buffer.byteLength(JSON.stringify({ origin, events: [] } satisfies Envelope));
  let run: string[] = [];
  let runBytes = emptyBytes;
  const close = () => {
    if (run.length) packed.push({ payload: `{"origin":${JSON.stringify(origin)},"events":[${run.join(',')}]}` });
    run = [];
    runBytes = emptyBytes;
  };
  for (const event of events) {
    const json = JSON.stringify(event);
    const bytes = Buffer.byteLength(json) + 1;
    if (emptyBytes + bytes > maxBytes) {
      close();
      packed.push({ oversized: event });
      continue;
    }
    if (runBytes + bytes > maxBytes) close();
    run.push(json);
    runBytes += bytes;
  }
  close();
  return packed;
}

/**
 * Realtime events across processes sharing one PostgreSQL, through LISTEN/NOTIFY. Local listeners
 * hear an event at once; other processes hear it through the notification. Events too large for a
 * notification are parked in realtime_spill and fetched by id.
 */
export async function createPgEventBus(db: Db, connectionString: string, log: { warn(obj: object, msg: string): void } = console): Promise<EventBus & { close(): Promise<void> }> {
  const origin = randomUUID();
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let client: pg.Client | null = null;
  let closed = false;
  let listenedBefore = false;

  const deliver = async (payload: string) => {
    const envelope = JSON.parse(payload) as Envelope;
    if (envelope.origin === origin) return;
    for (const event of envelope.events ?? []) emitter.emit('event', event);
    let event = envelope.event;
    if (!event && envelope.spill) event = await readSpilledEvent(db, envelope.spill);
    if (event) emitter.emit('event', event);
  };

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString });
    next.on('notification', (msg) => {
      if (msg.payload) deliver(msg.payload).catch((err) => log.warn({ err }, 'could not deliver a realtime event'));
    });
    next.on('error', () => {});
    next.on('end', () => {
      client = null;
      if (!closed) setTimeout(() => void connect().catch(() => {}), RECONNECT_MS);
    });
    // A failed attempt ends the client, and its 'end' schedules the next one: the bus retries until
    // PostgreSQL is back (a restart), without a process restart.
    await next.connect();
    try {
      await next.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      await next.end().catch(() => {});
      throw err;
    }
    client = next;
    // Notifications sent while the connection was gone are lost for good: tell listeners to reload.
    if (listenedBefore) emitter.emit('resync');
    listenedBefore = true;
  };
  await connect();

  const cleanup = setInterval(() => {
    sql`DELETE FROM realtime_spill WHERE created_at < now() - make_interval(mins => ${SPILL_TTL_MINUTES})`.execute(db).catch(() => {});
  }, 60_000);
  cleanup.unref();

  const spill = async (event: RealtimeEvent) => {
    const row = await db.insertInto('realtime_spill').values({ payload: JSON.stringify(event) }).returning('id').executeTakeFirstOrThrow();
    return JSON.stringify({ origin, spill: String(row.id) } satisfies Envelope);
  };
  // Events published in the same turn (a webhook publishes several) leave in one statement.
  let pending: RealtimeEvent[] = [];
  const flush = async () => {
    const events = pending;
    pending = [];
    const payloads = await Promise.all(packEvents(origin, events).map((p) => ('payload' in p ? p.payload : spill(p.oversized))));
    await sql`SELECT pg_notify(${CHANNEL}, payload) FROM unnest(${payloads}::text[]) WITH ORDINALITY AS p(payload, n) ORDER BY n`.execute(db);
  };

  return {
    publish(event) {
      emitter.emit('event', event);
      pending.push(event);
      if (pending.length === 1) setImmediate(() => flush().catch((err) => log.warn({ err }, 'could not notify other processes of realtime events')));
    },
    subscribe(listener) {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
    onResync(listener) {
      emitter.on('resync', listener);
      return () => emitter.off('resync', listener);
    },
    async close() {
      closed = true;
      clearInterval(cleanup);
      if (pending.length) await flush().catch(() => {});
      await client?.end().catch(() => {});
    },
  };
}
