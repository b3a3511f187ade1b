import type { Fault, Settings, SettingsUpdate } from './schema.js';
import type { SimDb } from './tables.js';

export const DEFAULT_SETTINGS: Settings = {
  sentAfterMs: 300,
  deliveredAfterMs: 600,
  autoRead: false,
  readAfterMs: 1500,
  responseDelayMs: 0,
  callbackOrder: 'in-order',
  callbacksBeforeAnswer: false,
  faults: [],
};

export type SettingsStore = {
  get(): Settings;
  update(change: SettingsUpdate): Promise<Settings>;
  /** The fault for the next send, if any (consumed). */
  takeFault(): Promise<Fault | null>;
  cdnKey: string;
};

/** Applies the next fault in line to one send: its count goes down, and it leaves the list at zero. */
export function consumeFault(faults: Fault[]): { fault: Fault | null; rest: Fault[] } {
  const [next, ...others] = faults;
  if (!next) return { fault: null, rest: [] };
  return { fault: next, rest: next.count > 1 ? [{ ...next, count: next.count - 1 }, ...others] : others };
}

/**
 * Settings live in sim_settings so they survive restarts; this process keeps them in memory too,
 * since every simulated send reads them. (The simulator is one process's development tool.)
 */
export async function loadSettings(db: SimDb): Promise<SettingsStore> {
  const row = await db.selectFrom('sim_settings').select(['settings', 'cdn_key']).where('id', '=', 1).executeTakeFirstOrThrow();
  let current: Settings = { ...DEFAULT_SETTINGS, ...(row.settings as Partial<Settings>) };
  const save = async (next: Settings) => {
    current = next;
    await db.updateTable('sim_settings').set({ settings: JSON.stringify(next) }).where('id', '=', 1).execute();
    return next;
  };
  return {
    cdnKey: row.cdn_key,
    get: () => current,
    update: (change) => save({ ...current, ...change, faults: (change.faults ?? current.faults).map((f) => ({ ...f, count: f.count ?? 1 })) }),
    async takeFault() {
      if (!current.faults.length) return null;
      const { fault, rest } = consumeFault(current.faults);
      await save({ ...current, faults: rest });
      return fault;
    },
  };
}
