import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Database } from './database.js';
import { projectPath } from '../project-path.js';

export const MIGRATIONS_DIR = projectPath('migrations');

/**
 * Applies every migrations/*.sql not applied yet, in name order, each in its own
 * transaction. An advisory lock lets several processes start at once safely.
 */
export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const { db } = database;
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const applied: string[] = [];
  for (const file of files) {
    const version = file.replace(/\.sql$/, '');
    const script = await readFile(join(dir, file), 'utf8');
    const escaped = version.replace(/'/g, "''");
    const done = await sql<{ n: number }>`SELECT count(*)::int AS n FROM schema_migrations WHERE version = ${version}`.execute(db);
    if (done.rows[0].n > 0) continue;
    await database.runScript(`
      SELECT pg_advisory_xact_lock(727274);
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM schema_migrations WHERE version = '${escaped}') THEN
          RAISE EXCEPTION 'switchboard-migration-already-applied';
        END IF;
      END $$;
      ${script}
      ;INSERT INTO schema_migrations(version) VALUES ('${escaped}');`).catch((err: Error) => {
      if (!String(err.message).includes('switchboard-migration-already-applied')) throw err;
    });
    applied.push(version);
  }
  return applied;
}
