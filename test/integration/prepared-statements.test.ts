import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/database.js';
import { prepared } from '../../src/server/db/prepared.js';
import { createTestDatabase, dbKinds } from '../helpers/databases.js';

const preparedNames = sql<{ name: string; generic_plans: string }>`SELECT name, generic_plans FROM pg_prepared_statements ORDER BY name`;

describe.each(dbKinds)('prepared statements (%s)', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.close());

  it('a marked statement answers like an unmarked one, with its parameters', async () => {
    const marked = await sql<{ n: number }>`${prepared('test-sum')}SELECT ${2}::int + ${3}::int AS n`.execute(database.db);
    const again = await sql<{ n: number }>`${prepared('test-sum')}SELECT ${20}::int + ${30}::int AS n`.execute(database.db);
    expect([marked.rows[0].n, again.rows[0].n]).toEqual([5, 50]);
  });

  it('a marked query builder statement is marked after SELECT', async () => {
    const rows = await database.db.selectFrom('users').select('id').modifyFront(prepared('test-users')).where('email', '=', 'nobody@example.com').execute();
    expect(rows).toEqual([]);
  });

  it.runIf(kind === 'postgres')('on PostgreSQL, a connection prepares a marked statement once per distinct text and reuses its plan', async () => {
    const names = await database.db.connection().execute(async (conn) => {
      for (let i = 0; i < 8; i++) await sql`${prepared('test-reuse')}SELECT ${i}::int AS n`.execute(conn);
      await sql`${prepared('test-reuse')}SELECT ${1}::int AS n, ${2}::int AS m`.execute(conn);
      await sql`SELECT ${1}::int AS unmarked`.execute(conn);
      return (await preparedNames.execute(conn)).rows;
    });
    const reuse = names.filter((r) => r.name.startsWith('test-reuse-'));
    expect(reuse).toHaveLength(2);
    expect(names.every((r) => /^[a-z-]+-[0-9a-f]{12}$/.test(r.name))).toBe(true);
    // Planned generically once its custom plans stopped paying off: parse and plan are not repeated.
    expect(Math.max(...reuse.map((r) => Number(r.generic_plans)))).toBeGreaterThan(0);
  });

  it('refuses a label that is not a plain name (it is written into SQL)', () => {
    expect(() => prepared('x */ DROP TABLE users; /*')).toThrow(/label/);
  });
});
