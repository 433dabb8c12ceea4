import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { preparedQuery } from '../db/prepared-query.js';
import type { DB } from '../db/schema.js';

/**
 * Keys are built from what a request says (`password:<username>`, with a username of up to 256
 * characters at login), so the row holds their SHA-256 in hex: 64 characters whatever the input,
 * and no username in the table.
 */
function storedKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * Counts one event against `key` in a fixed window and returns the count so far. The counter lives
 * in the database so that several server instances share it; the upsert is atomic on both engines.
 */
export async function countInWindow(
  db: Kysely<DB>,
  key: string,
  windowMs: number,
  now: number,
): Promise<number> {
  const stale = now - windowMs;
  const row = await db
    .insertInto('rate_limits')
    .values({ key: storedKey(key), window_start: now, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql<number>`case when rate_limits.window_start <= ${stale} then 1 else rate_limits.count + 1 end`,
        window_start: sql<number>`case when rate_limits.window_start <= ${stale} then ${now} else rate_limits.window_start end`,
      }),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

const windowOf = preparedQuery((db, key: string) =>
  db.selectFrom('rate_limits').select(['count', 'window_start']).where('key', '=', key),
);

/** The count in the current window without adding to it. */
export async function peekWindow(
  db: Kysely<DB>,
  key: string,
  windowMs: number,
  now: number,
): Promise<{ count: number; retryAfterSeconds: number }> {
  const [row] = (await windowOf(db, storedKey(key))).rows;
  if (!row || row.window_start <= now - windowMs) return { count: 0, retryAfterSeconds: 0 };
  return {
    count: Number(row.count),
    retryAfterSeconds: Math.max(1, Math.ceil((row.window_start + windowMs - now) / 1000)),
  };
}

/** Takes back one event counted in the current window, e.g. a reservation that was not used. */
export async function uncountInWindow(
  db: Kysely<DB>,
  key: string,
  windowMs: number,
  now: number,
): Promise<void> {
  await db
    .updateTable('rate_limits')
    .set({ count: sql<number>`count - 1` })
    .where('key', '=', storedKey(key))
    .where('count', '>', 0)
    .where('window_start', '>', now - windowMs)
    .execute();
}
