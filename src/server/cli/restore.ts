import { resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { refuseWhileServerRuns } from '../db/server-pid.js';
import { BACKUP_LAYOUT, restoreEmbedded } from './backup-files.js';

/**
 * npm run restore -- <backup folder>: puts a backup made by `npm run backup` into DATA_DIR.
 * Stop the server first. What DATA_DIR held is moved aside (…-before-restore-<time>), never deleted.
 */
const config = loadConfig();
if (!process.argv[2]) {
  console.error(`Usage: npm run restore -- <folder holding ${BACKUP_LAYOUT.database}>`);
  process.exit(1);
}
if (config.databaseUrl) {
  console.error('DATABASE_URL is set: restore PostgreSQL with pg_restore (README, "Backup").');
  process.exit(1);
}
const source = resolve(process.argv[2]);
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
try {
  const note = refuseWhileServerRuns(config.dataDir, 'run npm run restore');
  if (note) console.log(note);
  const { moved, conversations } = await restoreEmbedded(config.dataDir, source, stamp);
  console.log(`Restored ${source} into ${config.dataDir} (${conversations} conversations).`);
  if (moved.length) console.log(`The previous ${moved.join(', ')} were moved aside with the suffix -before-restore-${stamp}.`);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
