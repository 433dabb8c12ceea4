import type { SessionJSON } from '@tapin/shared';
import { localDb, type LocalDb } from '../lib/storage/local-db';

const KEY = 'session';

/** Keeps a register session on the device, so a cashier stays logged in through an outage. */
export async function cacheSession(session: SessionJSON, db: LocalDb = localDb): Promise<void> {
  await db.cache.put({ key: KEY, value: session });
}

export async function forgetCachedSession(db: LocalDb = localDb): Promise<void> {
  await db.cache.delete(KEY);
}

/**
 * The cached session while the server can't be reached, if it has not run out. Never with admin
 * access: that is only for a session the server has just confirmed.
 */
export async function restoreCachedSession(now: number, db: LocalDb = localDb): Promise<SessionJSON | null> {
  const stored = (await db.cache.get(KEY))?.value as SessionJSON | undefined;
  if (!stored || !(Date.parse(stored.expiresAt) > now)) return null;
  return { ...stored, adminAccess: false };
}
