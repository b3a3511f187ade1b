import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, dbKinds } from '../helpers/databases.js';
import type { Database, Executor } from '../../src/server/db/database.js';
import { readOnce } from '../../src/server/db/read-once.js';

describe.each(dbKinds)('settings read once per transaction (%s)', (kind) => {
  let database: Database;
  let reads = 0;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database?.close());

  const readAnswer = (db: Executor) =>
    readOnce(db, 'answer', async () => {
      reads++;
      return (await sql<{ n: number }>`SELECT 42 AS n`.execute(db)).rows[0].n;
    });

  it('reads once inside a transaction, and again in the next transaction', async () => {
    reads = 0;
    for (let i = 0; i < 2; i++) {
      await database.db.transaction().execute(async (tx) => {
        expect(await readAnswer(tx)).toBe(42);
        expect(await readAnswer(tx)).toBe(42);
      });
    }
    expect(reads).toBe(2);
  });

  it('reads every time outside a transaction, so nothing goes stale', async () => {
    reads = 0;
    await readAnswer(database.db);
    await readAnswer(database.db);
    expect(reads).toBe(2);
  });
});
