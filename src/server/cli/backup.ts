import { join, resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { refuseWhileServerRuns } from '../db/server-pid.js';
import { BACKUP_LAYOUT, backupEmbedded } from './backup-files.js';

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
try {
  const note = refuseWhileServerRuns(config.dataDir, 'run npm run backup');
  if (note) console.log(note);
  const written = await backupEmbedded(config.dataDir, target);
  console.log(`Backup written to ${target}: ${written.join(', ')}`);
  if (written.includes(BACKUP_LAYOUT.secretKey)) console.log('It holds the secret key: keep it as safe as the Twilio credentials it protects.');
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
