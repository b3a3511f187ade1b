import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type pg from 'pg';

/**
 * Some statements cost more to plan than to run (the routing claim nests a dozen correlated
 * subqueries: ~6 ms of PostgreSQL planning against well under 1 ms of execution). Starting such a
 * statement with `prepared('label')` sends it on PostgreSQL as a named prepared statement, so each
 * pooled connection parses it once and PostgreSQL can reuse its plan. Elsewhere (PGlite) the
 * marker is only a comment. In a query builder, `.modifyFront(prepared('label'))` puts it right
 * after SELECT. Mark only statements whose text takes a few shapes: each shape is prepared on
 * every pooled connection.
 */
export function prepared(label: string) {
  if (!/^[a-z][a-z0-9-]*$/.test(label)) throw new Error(`prepared statement label "${label}": lowercase letters, digits and -`);
  return sql.raw(`/* prepared:${label} */ `);
}

const MARKER = /^\s*(?:select\s+)?\/\* prepared:([a-z][a-z0-9-]*) \*\//i;

/** One name per distinct text: a label's text varies with its options (an id list or a queue). */
const names = new Map<string, string>();
const MAX_NAMES = 200;

function statementName(label: string, text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `${label}-${createHash('sha1').update(text).digest('hex').slice(0, 12)}`;
    if (names.size < MAX_NAMES) names.set(text, name);
  }
  return name;
}

/** Makes a pooled client send marked statements as named prepared statements. */
export function prepareMarkedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (first: unknown, ...rest: unknown[]) => {
    const label = typeof first === 'string' ? MARKER.exec(first)?.[1] : undefined;
    if (!label) return query(first, ...rest);
    const [values, ...callback] = rest;
    return query({ name: statementName(label, first as string), text: first, values }, ...callback);
  };
}
