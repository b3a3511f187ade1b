import { expect } from 'vitest';
import { sql } from 'kysely';
import type { Executor } from '../../src/server/db/database.js';
import { eventually } from './eventually.js';

/** Waits (up to 2 s) until exactly one session of this PostgreSQL database waits for a lock: the race a test staged is on. */
export async function untilOneWaitsForALock(db: Executor): Promise<void> {
  const waiting = async () => (await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(db)).rows[0].n;
  await eventually(async () => (await waiting()) > 0, 'a session to wait for a lock', 2000);
  expect(await waiting()).toBe(1);
}
