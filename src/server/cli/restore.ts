import { mkdir, readFile, rename } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { loadConfig } from '../config.js';
import { BACKUP_LAYOUT, copyFiles, exists } from './backup-files.js';

/**
 * npm run restore -- <backup folder>: puts a backup made by `npm run backup` into DATA_DIR.
 * Stop the server first. What DATA_DIR held is moved aside (…-before-restore-<time>), never deleted.
 */
const config = loadConfig();
const source = process.argv[2] ? resolve(process.argv[2]) : null;
if (!source || !(await exists(join(source, BACKUP_LAYOUT.database)))) {
  console.error(`Usage: npm run restore -- <folder holding ${BACKUP_LAYOUT.database}>`);
  process.exit(1);
}
if (config.databaseUrl) {
  console.error('DATABASE_URL is set: restore PostgreSQL with pg_restore (README, "Backup").');
  process.exit(1);
}
await mkdir(config.dataDir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const moved: string[] = [];
for (const name of ['pglite', BACKUP_LAYOUT.media, BACKUP_LAYOUT.secretKey]) {
  const current = join(config.dataDir, name);
  if (!(await exists(current))) continue;
  await rename(current, `${current}-before-restore-${stamp}`);
  moved.push(name);
}
const dump = new Blob([await readFile(join(source, BACKUP_LAYOUT.database))]);
const db = await PGlite.create(join(config.dataDir, 'pglite'), { loadDataDir: dump });
const conversations = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM conversations');
await db.close();
await copyFiles(source, config.dataDir);
console.log(`Restored ${source} into ${config.dataDir} (${conversations.rows[0].n} conversations).`);
if (moved.length) console.log(`The previous ${moved.join(', ')} were moved aside with the suffix -before-restore-${stamp}.`);
