import { cp, stat } from 'node:fs/promises';
import { join } from 'node:path';

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
export async function copyFiles(fromDir: string, toDir: string): Promise<string[]> {
  const copied: string[] = [];
  for (const name of [BACKUP_LAYOUT.media, BACKUP_LAYOUT.secretKey]) {
    if (!(await exists(join(fromDir, name)))) continue;
    await cp(join(fromDir, name), join(toDir, name), { recursive: true, errorOnExist: false, force: true });
    copied.push(name);
  }
  return copied;
}
