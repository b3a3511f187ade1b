import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPostgres } from '../../src/server/db/database.js';
import { migrate } from '../../src/server/db/migrate.js';
import { POSTGRES_ADMIN_URL, PGLITE_TEMPLATE_ENV, dumpMigratedPglite, urlFor } from './databases.js';

/**
 * Migrates the test databases once per run: a PGlite whose data folder is dumped to a tar that every
 * embedded test database starts from, and a PostgreSQL database that each test database copies with
 * CREATE DATABASE … TEMPLATE. Starting a PGlite from a dump skips its initdb and the migrations.
 */
export default async function setup(): Promise<(() => Promise<void>) | void> {
  // Both the integration and the browser project name this setup; the templates are made once per run.
  if (process.env.SWITCHBOARD_TEMPLATE_DB) return;
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const pgliteDump = join(tmpdir(), `switchboard-pglite-template-${runId}.tar`);
  await writeFile(pgliteDump, new Uint8Array(await (await dumpMigratedPglite()).arrayBuffer()));
  process.env[PGLITE_TEMPLATE_ENV] = pgliteDump;
  const removePgliteDump = () => rm(pgliteDump, { force: true });

  const TEMPLATE_DB = `switchboard_template_${runId}`;
  process.env.SWITCHBOARD_TEMPLATE_DB = TEMPLATE_DB;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch (err) {
    if (process.env.CI === 'true') throw new Error(`PostgreSQL is required in CI: ${(err as Error).message}`);
    return removePgliteDump;
  }
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const database = openPostgres(urlFor(TEMPLATE_DB), { max: 1 });
  await migrate(database);
  await database.close();
  return async () => {
    await removePgliteDump();
    const cleanup = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`).catch(() => {});
    await cleanup.end();
  };
}
