import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../../bench/lib/server-process.js';

const run = promisify(execFile);
const POSTGRES_ROOT = '/usr/lib/postgresql';

/** The newest installed PostgreSQL's bin folder (Debian layout), or null when there is none. */
export function postgresBinDir(): string | null {
  if (!existsSync(POSTGRES_ROOT)) return null;
  const versions = readdirSync(POSTGRES_ROOT).filter((v) => existsSync(join(POSTGRES_ROOT, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(POSTGRES_ROOT, versions[0], 'bin') : null;
}

/**
 * Can a test run its own PostgreSQL cluster? In CI it must: missing binaries fail the run instead
 * of skipping (as a missing PostgreSQL server or browser does). Locally it says why it skips.
 */
export function privatePostgresAvailable(suite: string): boolean {
  if (postgresBinDir()) return true;
  const missing = `${suite} needs PostgreSQL's server binaries (initdb, pg_ctl) under ${POSTGRES_ROOT}/<version>/bin (apt-get install -y postgresql)`;
  if (process.env.CI === 'true') throw new Error(`${missing}; they are required in CI`);
  console.warn(`skipped: ${missing}`);
  return false;
}

export type PrivatePostgres = {
  port: number;
  url(database: string): string;
  /** Stops the server the way a crash or an operator would: `immediate` drops every connection at once. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its files. */
  destroy(): Promise<void>;
};

/**
 * A PostgreSQL cluster of this test's own, in a temp folder on a free port, so a test can stop and
 * start it without touching the machine's shared server. PostgreSQL refuses to run as root, so as
 * root every command runs as the `postgres` user.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(`no PostgreSQL binaries under ${POSTGRES_ROOT}`);
  const asRoot = process.getuid?.() === 0;
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-pg-'));
  if (asRoot) chownSync(dir, ...postgresIds());
  const dataDir = join(dir, 'data');
  const port = await freePort();
  const user = asRoot ? 'postgres' : userInfo().username;
  const exec = (tool: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]) : run(join(bin, tool), args));
  // fsync off only risks data when the machine itself crashes; commits stay synchronous, so a
  // stopped server (even `immediate`) keeps every transaction it acknowledged.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;

  await exec('initdb', ['-D', dataDir, '-A', 'trust', '-U', user, '--no-sync']);
  const start = async () => {
    await exec('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '30', 'start']);
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    await exec('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '30', 'stop']);
  };
  await start();
  const url = (database: string) => `postgres://${user}@127.0.0.1:${port}/${database}`;
  const admin = new pg.Client({ connectionString: url('postgres') });
  await admin.connect();
  await admin.query('CREATE DATABASE switchboard');
  await admin.end();
  return {
    port,
    url,
    stop,
    start,
    async destroy() {
      await stop('immediate').catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The postgres user's uid and gid, to hand it the cluster's folder. */
function postgresIds(): [number, number] {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return [id('-u'), id('-g')];
}
