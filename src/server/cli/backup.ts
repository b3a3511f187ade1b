import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { loadConfig } from '../config.js';
import { BACKUP_LAYOUT, copyFiles, exists } from './backup-files.js';

/**
 * npm run backup [-- <folder>]: the embedded database (PGlite dump), media files and secret key
 * of DATA_DIR into a new folder. Stop the server first: PGlite allows one process per data folder.
 * On PostgreSQL (DATABASE_URL) use pg_dump instead: see README "Backup".
 */
const config = loadConfig();
if (config.databaseUrl) {
  console.error('DATABASE_URL is set: back up PostgreSQL with pg_dump (README, "Backup"). This command backs up the embedded database.');
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const target = resolve(process.argv[2] ?? join(config.dataDir, '..', `switchboard-backup-${stamp}`));
if (await exists(target)) {
  console.error(`${target} already exists; choose a new folder.`);
  process.exit(1);
}
const pgDir = join(config.dataDir, 'pglite');
if (!(await exists(pgDir))) {
  console.error(`No embedded database in ${config.dataDir}.`);
  process.exit(1);
}
await mkdir(target, { recursive: true });
const db = await PGlite.create(pgDir);
try {
  const dump = await db.dumpDataDir('gzip');
  await writeFile(join(target, BACKUP_LAYOUT.database), Buffer.from(await dump.arrayBuffer()));
} finally {
  await db.close();
}
const copied = await copyFiles(config.dataDir, target);
console.log(`Backup written to ${target}: ${[BACKUP_LAYOUT.database, ...copied].join(', ')}`);
if (copied.includes(BACKUP_LAYOUT.secretKey)) console.log('It holds the secret key: keep it as safe as the Twilio credentials it protects.');
