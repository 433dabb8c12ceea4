/**
 * Names the unique constraint a failed write broke, or null when the error is something else.
 * SQLite reports the columns; PostgreSQL reports the constraint's name.
 */
export function uniqueViolation(err: unknown): 'username' | 'pin' | 'other' | null {
  if (typeof err !== 'object' || err === null) return null;
  const e = err as { code?: unknown; message?: unknown; constraint?: unknown };
  const message = typeof e.message === 'string' ? e.message : '';
  const constraint = typeof e.constraint === 'string' ? e.constraint : '';
  const isUnique = e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE';
  if (!isUnique) return null;
  const where = `${constraint} ${message}`;
  if (where.includes('pin_hmac')) return 'pin';
  if (where.includes('username')) return 'username';
  return 'other';
}
