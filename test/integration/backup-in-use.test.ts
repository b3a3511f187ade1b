import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startChildServer, type ChildServer } from '../helpers/server-child.js';
import { projectPath } from '../../src/server/project-path.js';

/** Runs `npm run backup` / `npm run restore` (their scripts, through tsx) on DATA_DIR; answers the exit code and output. */
function cli(script: 'backup' | 'restore', dataDir: string, arg: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
    execFile(process.execPath, ['--import', 'tsx', projectPath(`src/server/cli/${script}.ts`), arg], { cwd: projectPath(), env }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

/**
 * The embedded database allows one process per data folder, so this is about PGlite only (on
 * PostgreSQL the commands refuse and point to pg_dump, which works while Switchboard runs).
 */
describe('backup and restore refuse a data folder a server is using (embedded database)', () => {
  const dirs: string[] = [];
  let server: ChildServer | undefined;
  afterAll(async () => {
    await server?.stop();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('refuses while the server runs, naming its pid; works once it stopped; ignores the pid file of a killed server', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-in-use-'));
    const backups = await mkdtemp(join(tmpdir(), 'switchboard-in-use-backups-'));
    dirs.push(dataDir, backups);
    server = await startChildServer({ DATA_DIR: dataDir, DATABASE_URL: '', SWITCHBOARD_SECRET: 'in-use-test', SIMULATOR: 'false' });
    const pid = server.child.pid!;
    expect(JSON.parse(await readFile(join(dataDir, 'server.pid'), 'utf8'))).toMatchObject({ pid });

    const refused = await cli('backup', dataDir, join(backups, 'while-running'));
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(`A Switchboard server (pid ${pid}`);
    expect(refused.out).toContain(`Stop it first (kill ${pid}`);
    expect(existsSync(join(backups, 'while-running'))).toBe(false);
    const refusedRestore = await cli('restore', dataDir, join(backups, 'while-running'));
    expect(refusedRestore.code).toBe(1);
    expect(refusedRestore.out).toContain(`pid ${pid}`);
    expect(existsSync(join(dataDir, 'pglite'))).toBe(true);

    await server.stop();
    server = undefined;
    expect(existsSync(join(dataDir, 'server.pid'))).toBe(false);
    const backup = await cli('backup', dataDir, join(backups, 'stopped'));
    expect(backup.out).toContain('Backup written to');
    expect(backup.code).toBe(0);

    // A server killed with -9 leaves its pid file behind: a pid no longer running is ignored, with a note.
    server = await startChildServer({ DATA_DIR: dataDir, DATABASE_URL: '', SWITCHBOARD_SECRET: 'in-use-test', SIMULATOR: 'false' });
    const killedPid = server.child.pid!;
    await server.kill9();
    server = undefined;
    expect(JSON.parse(await readFile(join(dataDir, 'server.pid'), 'utf8'))).toMatchObject({ pid: killedPid });
    const restored = await cli('restore', dataDir, join(backups, 'stopped'));
    expect(restored.out).toContain(`names pid ${killedPid}, which is no longer running`);
    expect(restored.code).toBe(0);
    await writeFile(join(dataDir, 'server.pid'), 'not a pid file');
    expect((await cli('backup', dataDir, join(backups, 'after-garbage'))).code).toBe(0);
  }, 180_000);
});
