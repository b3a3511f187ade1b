import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../src/server/db/database.js';
import { createTestDatabase, dbKinds } from '../helpers/databases.js';

const preparedStatements = sql<{ statement: string; generic_plans: string }>`SELECT statement, generic_plans FROM pg_prepared_statements`;

describe.each(dbKinds)('statement cache (%s)', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.close());

  it('a repeated statement answers with each call\'s parameters', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 6; i++) answers.push((await sql<{ n: number }>`SELECT ${i}::int * 10 AS n`.execute(database.db)).rows[0].n);
    expect(answers).toEqual([0, 10, 20, 30, 40, 50]);
  });

  it('values of every kind go in and come back the same through a prepared statement', async () => {
    const at = new Date('2026-12-01T10:00:00.123Z');
    for (let i = 0; i < 5; i++) {
      const row = (await sql<{ at: Date; doc: { a: number[] }; ids: string[]; missing: string | null; big: string; flag: boolean }>`
        SELECT ${at}::timestamptz AS at, ${JSON.stringify({ a: [i] })}::jsonb AS doc, ${['x', `y${i}`]}::text[] AS ids,
               ${null}::text AS missing, ${String(2 ** 53 + i)}::bigint AS big, ${i % 2 === 0}::boolean AS flag`.execute(database.db)).rows[0];
      expect(row).toEqual({ at, doc: { a: [i] }, ids: ['x', `y${i}`], missing: null, big: kind === 'pglite' ? BigInt(2 ** 53 + i) : String(2 ** 53 + i), flag: i % 2 === 0 });
    }
  });

  it('a failing prepared statement aborts only its transaction; the connection goes on', async () => {
    const email = (i: number) => `cache-${kind}-${i}@example.com`;
    const insertUser = (db: typeof database.db, i: number, id?: string) =>
      sql`INSERT INTO users (id, email, name, role, password_hash) VALUES (coalesce(${id ?? null}::uuid, gen_random_uuid()), ${email(i)}, 'Cache', 'agent', 'x')`.execute(db);
    for (let i = 0; i < 4; i++) await insertUser(database.db, i);
    const taken = (await database.db.selectFrom('users').select('id').where('email', '=', email(0)).executeTakeFirstOrThrow()).id;
    await expect(database.db.transaction().execute(async (tx) => {
      await insertUser(tx, 10);
      await insertUser(tx, 11, taken);
    })).rejects.toMatchObject({ code: '23505' });
    const stored = await database.db.selectFrom('users').select('email').where('email', 'like', `cache-${kind}-%`).orderBy('email').execute();
    expect(stored.map((u) => u.email)).toEqual([0, 1, 2, 3].map(email));
  });

  it.runIf(kind === 'pglite')('on PGlite, a repeated statement is prepared once and runs on a reused generic plan', async () => {
    for (let i = 0; i < 8; i++) await sql`SELECT ${i}::int AS pglite_repeated`.execute(database.db);
    await sql`SELECT ${1}::int AS pglite_once`.execute(database.db);
    const prepared = (await preparedStatements.execute(database.db)).rows;
    const repeated = prepared.filter((r) => r.statement.includes('AS pglite_repeated'));
    expect(repeated).toHaveLength(1);
    expect(Number(repeated[0].generic_plans)).toBeGreaterThan(0);
    expect(prepared.some((r) => r.statement.includes('AS pglite_once'))).toBe(false);
  });

  it.runIf(kind === 'pglite')('on PGlite, a prepared statement whose table changed shape is prepared again', async () => {
    await sql`CREATE TABLE reshaped (id int, label text)`.execute(database.db);
    await sql`INSERT INTO reshaped VALUES (1, 'one')`.execute(database.db);
    const read = () => sql<Record<string, unknown>>`SELECT * FROM reshaped WHERE id = ${1}`.execute(database.db);
    for (let i = 0; i < 4; i++) expect((await read()).rows).toEqual([{ id: 1, label: 'one' }]);
    await sql`ALTER TABLE reshaped ADD COLUMN note text DEFAULT 'new'`.execute(database.db);
    // PostgreSQL refuses the stale plan once (its result type changed); the next call prepares it anew.
    await read().catch(() => undefined);
    expect((await read()).rows).toEqual([{ id: 1, label: 'one', note: 'new' }]);
  });

  it.runIf(kind === 'postgres')('on PostgreSQL, a connection prepares a statement once it repeats, once per distinct text, and reuses its plan', async () => {
    const prepared = await database.db.connection().execute(async (conn) => {
      for (let i = 0; i < 8; i++) await sql`SELECT ${i}::int AS repeated`.execute(conn);
      for (let i = 0; i < 8; i++) await sql`SELECT ${i}::int AS repeated, ${i}::int AS other`.execute(conn);
      await sql`SELECT ${1}::int AS once`.execute(conn);
      await database.db.selectFrom('users').select('id').where('email', '=', 'nobody@example.com').execute();
      return (await preparedStatements.execute(conn)).rows;
    });
    const repeated = prepared.filter((r) => r.statement.includes('AS repeated'));
    expect(repeated).toHaveLength(2);
    expect(prepared.some((r) => r.statement.includes('AS once'))).toBe(false);
    // Planned generically once custom plans stopped paying off: parse and plan are not repeated.
    expect(repeated.every((r) => Number(r.generic_plans) > 0)).toBe(true);
  });

  it.runIf(kind === 'postgres')('DATABASE_PREPARED_STATEMENTS=false leaves every statement unnamed (for poolers that cannot keep them)', async () => {
    const unprepared = openPostgres(database.connectionString!, { max: 1, preparedStatements: false });
    try {
      for (let i = 0; i < 8; i++) await sql`SELECT ${i}::int AS repeated`.execute(unprepared.db);
      expect((await preparedStatements.execute(unprepared.db)).rows).toEqual([]);
    } finally {
      await unprepared.close();
    }
  });
});
