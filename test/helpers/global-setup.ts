import pg from 'pg';
import { openPostgres } from '../../src/server/db/database.js';
import { migrate } from '../../src/server/db/migrate.js';
import { POSTGRES_ADMIN_URL, TEMPLATE_DB, urlFor } from './databases.js';

/** Migrates a PostgreSQL template database once per run; each test file copies it with CREATE DATABASE … TEMPLATE. */
export default async function setup(): Promise<void> {
  // Both the integration and the browser project name this setup; the template is made once per run.
  if (process.env.SWITCHBOARD_TEMPLATE_READY) return;
  process.env.SWITCHBOARD_TEMPLATE_READY = '1';
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch (err) {
    if (process.env.CI === 'true') throw new Error(`PostgreSQL is required in CI: ${(err as Error).message}`);
    return;
  }
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const database = openPostgres(urlFor(TEMPLATE_DB), 1);
  await migrate(database);
  await database.close();
}
