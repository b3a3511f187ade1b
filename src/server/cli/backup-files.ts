import { cp, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { refuseWhileServerRuns } from '../db/server-pid.js';

/** What a backup folder holds, next to the database dump. */
export const BACKUP_LAYOUT = {
  database: 'database.tar.gz',
  media: 'media',
  /** Encrypts the Twilio auth tokens in the database: without it they cannot be read. */
  secretKey: 'secret.key',
} as const;

export async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

/** Copies the media folder and the secret key between a data folder and a backup folder, when present. */
async function copyFiles(fromDir: string, toDir: string): Promise<string[]> {
  const copied: string[] = [];
  for (const name of [BACKUP_LAYOUT.media, BACKUP_LAYOUT.secretKey]) {
    if (!(await exists(join(fromDir, name)))) continue;
    await cp(join(fromDir, name), join(toDir, name), { recursive: true, errorOnExist: false, force: true });
    copied.push(name);
  }
  return copied;
}

/**
 * Writes the embedded database (PGlite's dumpDataDir), the media files and the secret key of
 * `dataDir` into the new folder `target`. The server must be stopped (one process per data folder): refused while its pid file names a live process.
 */
export async function backupEmbedded(dataDir: string, target: string): Promise<string[]> {
  refuseWhileServerRuns(dataDir, 'run npm run backup');
  if (await exists(target)) throw new Error(`${target} already exists; choose a new folder.`);
  const pgDir = join(dataDir, 'pglite');
  if (!(await exists(pgDir))) throw new Error(`No embedded database in ${dataDir}.`);
  await mkdir(target, { recursive: true });
  const db = await PGlite.create(pgDir);
  try {
    const dump = await db.dumpDataDir('gzip');
    await writeFile(join(target, BACKUP_LAYOUT.database), Buffer.from(await dump.arrayBuffer()));
  } finally {
    await db.close();
  }
  return [BACKUP_LAYOUT.database, ...(await copyFiles(dataDir, target))];
}

/**
 * Puts a backup into `dataDir`. What it held is moved aside with the suffix
 * -before-restore-<stamp>, never deleted. Answers what was moved.
 */
export async function restoreEmbedded(dataDir: string, source: string, stamp: string): Promise<{ moved: string[]; conversations: number }> {
  refuseWhileServerRuns(dataDir, 'run npm run restore');
  if (!(await exists(join(source, BACKUP_LAYOUT.database)))) throw new Error(`${source} holds no ${BACKUP_LAYOUT.database}.`);
  await mkdir(dataDir, { recursive: true });
  const moved: string[] = [];
  for (const name of ['pglite', BACKUP_LAYOUT.media, BACKUP_LAYOUT.secretKey]) {
    const current = join(dataDir, name);
    if (!(await exists(current))) continue;
    await rename(current, `${current}-before-restore-${stamp}`);
    moved.push(name);
  }
  const dump = new Blob([await readFile(join(source, BACKUP_LAYOUT.database))]);
  const db = await PGlite.create(join(dataDir, 'pglite'), { loadDataDir: dump });
  try {
    const result = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM conversations');
    await copyFiles(source, dataDir);
    return { moved, conversations: result.rows[0].n };
  } finally {
    await db.close();
  }
}
