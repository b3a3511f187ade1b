import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openPostgres, wrapPglite, type Database } from '../../src/server/db/database.js';
import { migrate } from '../../src/server/db/migrate.js';

export type DbKind = 'pglite' | 'postgres';

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** The migrated template this run copies; named per run (set by global-setup) so parallel runs never collide. */
export const templateDb = () => process.env.SWITCHBOARD_TEMPLATE_DB ?? 'switchboard_test_template';
const isCI = process.env.CI === 'true';

export function urlFor(database: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Is the PostgreSQL server there? In CI it must be: a missing server fails the run rather than skipping. */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (err) {
    if (isCI) throw new Error(`PostgreSQL is required in CI but ${POSTGRES_ADMIN_URL} did not answer: ${(err as Error).message}`);
    return false;
  }
}

/** The databases the integration suite runs against: PGlite always, PostgreSQL when it answers (always in CI). */
export const dbKinds: DbKind[] = ['pglite', ...((await postgresAvailable()) ? (['postgres'] as const) : [])];

/** Where global-setup left a dump of a migrated PGlite for this run (unset when a file runs without it, e.g. soak). */
export const PGLITE_TEMPLATE_ENV = 'SWITCHBOARD_PGLITE_TEMPLATE';

let pgliteTemplate: Promise<Blob> | null = null;

/** A migrated PGlite data folder as a tar: read from global-setup's dump, or made once in this worker without one. */
function migratedPgliteDump(): Promise<Blob> {
  pgliteTemplate ??= (async () => {
    const file = process.env[PGLITE_TEMPLATE_ENV];
    if (file) return new Blob([await readFile(file)]);
    return dumpMigratedPglite();
  })();
  return pgliteTemplate;
}

/**
 * Starts an empty PGlite, migrates it and answers its data folder as an uncompressed tar
 * (starting from a gzip dump costs more than reading the larger file).
 */
export async function dumpMigratedPglite(): Promise<Blob> {
  const pglite = await PGlite.create();
  try {
    await migrate(wrapPglite(pglite));
    return await pglite.dumpDataDir('none');
  } finally {
    await pglite.close();
  }
}

/** A fresh, migrated, empty database of the given kind, for one test file. */
export async function createTestDatabase(kind: DbKind): Promise<Database> {
  if (kind === 'pglite') {
    return wrapPglite(await PGlite.create({ loadDataDir: await migratedPgliteDump() }));
  }
  const name = `switchboard_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateDb()}`);
  } finally {
    await admin.end();
  }
  const database = openPostgres(urlFor(name), { max: 10 });
  const close = database.close;
  database.close = async () => {
    await close();
    const cleanup = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await cleanup.end();
  };
  return database;
}
