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
