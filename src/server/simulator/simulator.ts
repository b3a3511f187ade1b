import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context.js';
import { createSimEvents, type SimEvents } from './live.js';
import { loadSettings, type SettingsStore } from './settings.js';
import { phoneMessageView } from './resources.js';
import type { PhoneMessageView } from './schema.js';
import { contentsOf, findAccount, mediaOf, type SimAccount, type SimMessage } from './store.js';
import { simDb, type SimDb } from './tables.js';

/** What every part of the simulator shares: the database, its settings and its live updates. */
export type Simulator = {
  ctx: AppContext;
  db: SimDb;
  log: FastifyBaseLogger;
  settings: SettingsStore;
  events: SimEvents;
  /** Where the simulated Twilio REST API is, as Switchboard's accounts see it. */
  apiBase(): string;
  /** Stops timers and pending callbacks (the server is closing). */
  signal: AbortSignal;
  views(messages: SimMessage[]): Promise<PhoneMessageView[]>;
  /** Tells the customer's phone page that this message is new or changed. */
  publish(message: SimMessage): Promise<void>;
  /** An account by sid; accounts never change once created, so this process remembers them. */
  account(sid: string): Promise<SimAccount | undefined>;
};

export async function createSimulator(ctx: AppContext, log: FastifyBaseLogger, signal: AbortSignal): Promise<Simulator> {
  const db = simDb(ctx.db);
  const settings = await loadSettings(db);
  const events = createSimEvents();
  const accounts = new Map<string, SimAccount>();
  const views = async (messages: SimMessage[]) => {
    const media = await mediaOf(db, messages.map((m) => m.sid));
    const contents = await contentsOf(db, messages.flatMap((m) => (m.content_sid ? [m.content_sid] : [])));
    const cdn = { publicUrl: ctx.config.publicUrl, key: settings.cdnKey, now: ctx.now() };
    return messages.map((m) => phoneMessageView(m, media.get(m.sid) ?? [], cdn, m.content_sid ? contents.get(m.content_sid) : undefined));
  };
  return {
    ctx,
    db,
    log,
    settings,
    events,
    signal,
    apiBase: () => `${ctx.config.publicUrl}/simulator/twilio`,
    views,
    async publish(message) {
      if (!events.watched(message.customer)) return;
      const [view] = await views([message]);
      events.publish(message.customer, view);
    },
    async account(sid) {
      const known = accounts.get(sid);
      if (known) return known;
      const account = await findAccount(db, sid);
      if (account) accounts.set(sid, account);
      return account;
    },
  };
}

/** Waits, unless the simulator is shutting down; answers false when it is. */
export function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const forget = onAbort(signal, () => {
      clearTimeout(timer);
      resolve(false);
    });
    const timer = setTimeout(() => {
      forget();
      resolve(true);
    }, ms);
  });
}

const wakersBySignal = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * One abort listener per signal, however many pauses wait on it: an EventTarget checks each new
 * listener against all it holds, which made thousands of scheduled callbacks quadratic.
 */
function onAbort(signal: AbortSignal, wake: () => void): () => void {
  let wakers = wakersBySignal.get(signal);
  if (!wakers) {
    const all = new Set<() => void>();
    signal.addEventListener('abort', () => all.forEach((w) => w()), { once: true });
    wakersBySignal.set(signal, all);
    wakers = all;
  }
  wakers.add(wake);
  return () => wakers.delete(wake);
}
