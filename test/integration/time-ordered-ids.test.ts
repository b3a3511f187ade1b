import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/database.js';
import { upsertContact } from '../../src/server/conversations/store.js';
import { createTestDatabase, dbKinds } from '../helpers/databases.js';
import { eventually } from '../helpers/eventually.js';

/** Milliseconds since 1970 in a version 7 UUID's first 48 bits. */
const timeOf = (uuid: string) => parseInt(uuid.replace(/-/g, '').slice(0, 12), 16);

describe.each(dbKinds)('time-ordered ids for the rows that pile up (%s)', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.close());

  it('new ids are version 7 UUIDs: the clock first, then random bits, increasing with time', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await sql<{ id: string }>`SELECT switchboard_uuid_v7()::text AS id`.execute(database.db)).rows[0].id);
      // The next id is made in a later millisecond than this one's.
      const madeAt = timeOf(ids[i]);
      await eventually(async () => Date.now() > madeAt + 1, 'the clock moves past the last id');
    }
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(Math.abs(timeOf(id) - Date.now())).toBeLessThan(60_000);
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(3);
  });

  it('a new contact gets one', async () => {
    const contact = await upsertContact(database.db, { phone: '+15550009001', channel: 'whatsapp', address: '15550009001', profileName: null });
    expect(contact.id[14]).toBe('7');
  });
});
