import pg from 'pg';
import { openPostgres } from '../../src/server/db/database.js';
import { migrate } from '../../src/server/db/migrate.js';
import { POSTGRES_ADMIN_URL, urlFor } from './databases.js';

/** Migrates a PostgreSQL template database once per run; each test file copies it with CREATE DATABASE … TEMPLATE. */
export default async function setup(): Promise<(() => Promise<void>) | void> {
  // Both the integration and the browser project name this setup; the template is made once per run.
  if (process.env.SWITCHBOARD_TEMPLATE_DB) return;
  const TEMPLATE_DB = `switchboard_template_${process.pid}_${Date.now().toString(36)}`;
  process.env.SWITCHBOARD_TEMPLATE_DB = TEMPLATE_DB;
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
  const database = openPostgres(urlFor(TEMPLATE_DB), { max: 1 });
  await migrate(database);
  await database.close();
  return async () => {
    const cleanup = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`).catch(() => {});
    await cleanup.end();
  };
}
