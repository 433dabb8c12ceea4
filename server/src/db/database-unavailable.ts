/**
 * Whether a failed query means the database is out of reach for now (PostgreSQL restarting, a
 * terminated connection, a timeout; SQLite's disk full, I/O error or a lock held too long), as
 * opposed to a fault in the request or the code. Such a request is answered 503, and the next
 * one tries again: the pool replaces broken connections by itself.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (NODE_NETWORK_CODES.has(code) || PG_UNAVAILABLE.has(code) || code.startsWith('08')) return true;
    if (SQLITE_UNAVAILABLE.some((prefix) => code.startsWith(prefix))) return true;
  }
  return typeof message === 'string' && PG_CLIENT_MESSAGES.test(message);
}

const NODE_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);
/** admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections, query_canceled (statement timeout). */
const PG_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '53300', '57014']);
const SQLITE_UNAVAILABLE = [
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_READONLY',
];
/** What node-postgres and Kysely say when the connection, not the query, failed. */
const PG_CLIENT_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|driver has already been destroyed|Client was closed/i;
