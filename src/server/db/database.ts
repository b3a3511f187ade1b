import { mkdir } from 'node:fs/promises';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { DB } from './schema.js';
import { prepareRepeatedStatements } from './statement-cache.js';
import { withPreparedStatements } from './pglite-prepared.js';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Either the database or an open transaction: store functions accept both. */
export type Executor = Db | Tx;

export type Database = {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Runs a multi-statement SQL script (migrations) in one transaction. */
  runScript(script: string): Promise<void>;
  /** Answers true when the database responds. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** The embedded instance, when there is one (tests clone it). */
  pglite?: PGlite;
  /** The server's address, when on PostgreSQL (the realtime bus opens its own LISTEN connection). */
  connectionString?: string;
  /** The connection pool, when on PostgreSQL (metrics report it). */
  pool?: pg.Pool;
};

/**
 * PGlite keeps PostgreSQL's 128 MB of shared buffers inside the Node process; its files are read
 * through the operating system's cache anyway, so 32 MB costs little speed and keeps resident
 * memory within the embedded target (BENCHMARKS.md, memory).
 */
const PGLITE_SETTINGS = ['-c', 'shared_buffers=32MB'];

export async function openDatabase(opts: { databaseUrl?: string; dataDir: string; preparedStatements?: boolean }): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, { preparedStatements: opts.preparedStatements });
  const dir = `${opts.dataDir}/pglite`;
  await mkdir(dir, { recursive: true });
  return wrapPglite(await PGlite.create(dir, { relaxedDurability: false, startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS] }));
}

export function openPostgres(connectionString: string, opts: { max?: number; preparedStatements?: boolean } = {}): Database {
  const pool = new pg.Pool({ connectionString, max: opts.max ?? 10 });
  // A dropped server connection must not crash the process; the pool replaces it. The pool hears
  // errors of idle clients only: a client checked out when the server goes away (a restart) emits
  // its 'error' with no listener, which would kill the process. Its query fails on its own, and
  // the pool discards the broken client when it is released.
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    client.on('error', () => {});
    if (opts.preparedStatements !== false) prepareRepeatedStatements(client);
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    db,
    connectionString,
    pool,
    async runScript(script) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(script);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    ping: () => pingDb(db),
    close: () => db.destroy(),
  };
}

export function wrapPglite(pglite: PGlite): Database {
  const db = new Kysely<DB>({ dialect: new PGliteDialect(withPreparedStatements(pglite) as unknown as PGlite) });
  return {
    kind: 'pglite',
    db,
    pglite,
    async runScript(script) {
      await pglite.transaction(async (tx) => {
        await tx.exec(script);
      });
    },
    ping: () => pingDb(db),
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

async function pingDb(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
