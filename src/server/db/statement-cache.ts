import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * On PostgreSQL, a statement with parameters that this process has sent a few times is sent from
 * then on as a named prepared statement (as pgJDBC's prepareThreshold does): each pooled connection
 * parses it once, and PostgreSQL can reuse its plan instead of planning it again per call: planning
 * is most of PostgreSQL's time on the inbound path, and costs more than running the routing claim
 * (its dozen correlated subqueries). Statements whose text changes with their input (an IN list's
 * length) get one name per text, up to a bound; beyond it they stay unnamed, as statements seen
 * once do.
 */
const PREPARE_AFTER = 3;
const MAX_PREPARED = 500;
const MAX_COUNTED = 2000;

/**
 * Starts a statement that is planned on every call, never prepared. A work table (the inbox) is
 * empty most of the time, and autovacuum records it so; a plan cached then reads the whole table
 * once per row when a burst fills it, seconds per pass where a plan made for the table as it is
 * takes under a millisecond.
 */
export const PLAN_EACH_CALL = '/* plan each call */';

const counts = new Map<string, number>();
const names = new Map<string, string>();

/** The name a repeated statement is prepared under; undefined while it is new (or the cache is full). */
export function preparedNameFor(text: string): string | undefined {
  const name = names.get(text);
  if (name) return name;
  if (text.startsWith(PLAN_EACH_CALL)) return undefined;
  const count = (counts.get(text) ?? 0) + 1;
  if (count < PREPARE_AFTER) {
    if (counts.size < MAX_COUNTED || counts.has(text)) counts.set(text, count);
    return undefined;
  }
  counts.delete(text);
  if (names.size >= MAX_PREPARED) return undefined;
  const created = `s${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
  names.set(text, created);
  return created;
}

/** Makes a pooled client send repeated parameterized statements as named prepared statements. */
export function prepareRepeatedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (text: unknown, values?: unknown, ...callback: unknown[]) => {
    const name = typeof text === 'string' && Array.isArray(values) && values.length > 0 ? preparedNameFor(text) : undefined;
    return name ? query({ name, text, values }, ...callback) : query(text, values, ...callback);
  };
}
