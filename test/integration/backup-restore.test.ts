import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.js';
import { migrate } from '../../src/server/db/migrate.js';
import { backupEmbedded, restoreEmbedded } from '../../src/server/cli/backup-files.js';

describe('backup and restore of the embedded database', () => {
  const dirs: string[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-backup-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('restores the data, media and key into another folder, moving what was there aside', async () => {
    const original = await tempDir();
    const database = await openDatabase({ dataDir: original });
    await migrate(database);
    await database.db.insertInto('contacts').values({ phone: '+15550001111', name: 'Backed Up' }).execute();
    await database.close();
    await mkdir(join(original, 'media', 'ab'), { recursive: true });
    await writeFile(join(original, 'media', 'ab', 'file.png'), 'png bytes');
    await writeFile(join(original, 'secret.key'), 'key material');

    const backup = join(await tempDir(), 'backup');
    expect(await backupEmbedded(original, backup)).toEqual(['database.tar.gz', 'media', 'secret.key']);
    await expect(backupEmbedded(original, backup)).rejects.toThrow(/already exists/);

    const target = await tempDir();
    const before = await openDatabase({ dataDir: target });
    await migrate(before);
    await before.close();
    const result = await restoreEmbedded(target, backup, 'now');
    expect(result).toEqual({ moved: ['pglite'], conversations: 0 });

    const restored = await openDatabase({ dataDir: target });
    try {
      expect(await migrate(restored)).toEqual([]);
      const contacts = await restored.db.selectFrom('contacts').select('name').execute();
      expect(contacts).toEqual([{ name: 'Backed Up' }]);
    } finally {
      await restored.close();
    }
    expect(await readFile(join(target, 'media', 'ab', 'file.png'), 'utf8')).toBe('png bytes');
    expect(await readFile(join(target, 'secret.key'), 'utf8')).toBe('key material');
    // The database that was there is kept, not deleted.
    expect(existsSync(join(target, 'pglite-before-restore-now'))).toBe(true);
  }, 60_000);
});
