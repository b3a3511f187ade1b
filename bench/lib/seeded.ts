import pg from 'pg';
import { openPostgres } from '../../src/server/db/database.js';
import { createUser } from '../../src/server/users/create-user.js';
import { resultsOnly, writeSection } from './benchmarks-md.js';

/**
 * SEEDED_DATABASE names a database on the benchmark's PostgreSQL server that bench/seed-history.ts
 * filled. A benchmark then runs on PostgreSQL only, on a fresh copy of it (CREATE DATABASE …
 * TEMPLATE), so one seeding serves every run and no run changes it.
 */
export const SEEDED_DATABASE = process.env.SEEDED_DATABASE || null;
if (SEEDED_DATABASE && !/^[a-z_][a-z0-9_]*$/.test(SEEDED_DATABASE)) throw new Error('SEEDED_DATABASE is a database name: lowercase letters, digits and _.');

/**
 * Makes `name` afresh: empty, or a copy of the seeded database (which must have no open connections).
 * The copy is made by copying files, not through the WAL (PostgreSQL 15's default writes the whole
 * database to the WAL, and the checkpoints that follow would slow the run that comes next), and a
 * checkpoint starts the run with no copy work pending.
 */
export async function recreateDatabase(admin: pg.Client, name: string): Promise<void> {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}${SEEDED_DATABASE ? ` TEMPLATE ${SEEDED_DATABASE} STRATEGY FILE_COPY` : ''}`);
  await admin.query('CHECKPOINT');
}

/** A seeded copy already has users, so ADMIN_EMAIL would not create the benchmark's admin on start: add it. */
export async function ensureAdmin(url: string, email: string, password: string): Promise<void> {
  const database = openPostgres(url, { max: 1 });
  try {
    const found = await database.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (!found) await createUser(database.db, { email, name: 'Benchmark admin', password, role: 'admin' });
  } finally {
    await database.close();
  }
}

/** "1,000,000 messages in 100,000 conversations": what the copy held before the run. */
export async function seededSummary(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ messages: string; conversations: string }>('SELECT (SELECT count(*) FROM messages) AS messages, (SELECT count(*) FROM conversations) AS conversations');
    return `${Number(rows[0].messages).toLocaleString('en')} messages in ${Number(rows[0].conversations).toLocaleString('en')} conversations`;
  } finally {
    await client.end();
  }
}

/** Writes the benchmark's section of BENCHMARKS.md; a run on a seeded copy gets a section of its own beside it. */
export async function writeBenchSection(name: string, body: string, seeded: string | null): Promise<void> {
  if (!SEEDED_DATABASE) return writeSection(name, body);
  const heading = /^## (.+)$/m.exec(body)?.[1] ?? name;
  const section = body
    .replace(/^## (.+)$/m, `## $1, on a seeded database (${seeded ?? SEEDED_DATABASE})`)
    .replace('npx tsx bench/', `SEEDED_DATABASE=${SEEDED_DATABASE} npx tsx bench/`);
  await writeSection(`${name}-seeded`, resultsOnly(section, heading));
}
