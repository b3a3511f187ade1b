import { parse, protocol, type PGlite, type Results } from '@electric-sql/pglite';
import { preparedNameFor } from './statement-cache.js';

type Prepared = { paramTypes: number[]; rowDescription: unknown[] };
type BackendMessage = { name: string };

const { serialize } = protocol;
/**
 * Our data directory is NODEFS (or memory in tests), whose writes reach the files directly: PGlite's
 * syncToFs does nothing for them, so the exchanges below skip it as query() does inside transactions.
 */
const EXCHANGE = { syncToFs: false } as const;
/** PostgreSQL's codes for a prepared statement that no longer fits (schema changed) or is gone. */
const STALE_STATEMENT = new Set(['0A000', '26000']);

/**
 * The embedded database with the statement cache the PostgreSQL pool has (statement-cache.ts):
 * PGlite's own query() parses and plans every statement on every call, and in WebAssembly
 * planning the routing claim cost more than running it. A statement with parameters that has
 * repeated is parsed once into a named prepared statement; each later call is one Bind, Execute
 * and Sync sent to the backend together. A statement without parameters is one simple Query, a
 * fraction of what query() spends on it. Statements seen once, and those
 * beyond the cache's bound, go through query().
 */
export function withPreparedStatements(pglite: PGlite) {
  const statements = new Map<string, Prepared>();

  async function prepare(name: string, text: string): Promise<Prepared> {
    const messages = (await pglite.execProtocolStream(concat(serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()), EXCHANGE)) as BackendMessage[];
    const prepared = { paramTypes: parse.parseDescribeStatementResults(messages as never), rowDescription: messages.filter((m) => m.name === 'rowDescription') };
    statements.set(name, prepared);
    return prepared;
  }

  async function execute(name: string, text: string, params: unknown[]): Promise<Results> {
    const prepared = statements.get(name) ?? (await prepare(name, text));
    const values = params.map((value, i) => (value == null ? null : serializeParam(pglite, prepared.paramTypes[i], value)));
    try {
      const messages = await pglite.execProtocolStream(concat(serialize.bind({ statement: name, values }), serialize.execute({}), serialize.sync()), EXCHANGE);
      return parse.parseResults([...prepared.rowDescription, ...messages] as never, pglite.parsers)[0];
    } catch (err) {
      if (STALE_STATEMENT.has((err as { code?: string }).code ?? '')) await forget(name);
      throw err;
    }
  }

  /** Begin, commit and fixed reads: a multi-statement text answers its first statement's result. */
  async function simpleQuery(text: string): Promise<Results> {
    const messages = await pglite.execProtocolStream(serialize.query(text), EXCHANGE);
    return parse.parseResults(messages as never, pglite.parsers)[0];
  }

  async function forget(name: string): Promise<void> {
    statements.delete(name);
    await pglite.execProtocolStream(concat(serialize.close({ type: 'S', name }), serialize.sync()), { ...EXCHANGE, throwOnError: false });
  }

  return {
    async query(text: string, params: unknown[] = []): Promise<Results> {
      if (params.length === 0) return pglite.runExclusive(() => simpleQuery(text));
      const name = preparedNameFor(text);
      if (!name) return pglite.query(text, params);
      return pglite.runExclusive(() => execute(name, text, params));
    },
    close: () => pglite.close(),
  };
}

function serializeParam(pglite: PGlite, typeId: number | undefined, value: unknown): string {
  const serializer = typeId === undefined ? undefined : pglite.serializers[typeId];
  return serializer ? serializer(value) : String(value);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return Buffer.concat(parts);
}
