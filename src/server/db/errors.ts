type DatabaseError = { code?: string; constraint?: string };

/** A unique constraint refused the write (PostgreSQL's 23505); with `constraint`, that one only. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as DatabaseError | null;
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}
