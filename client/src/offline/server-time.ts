import { localDb, type LocalDb } from '../lib/storage/local-db';

const KEY = 'lastServerTime';

/**
 * A device clock may differ from the server's by this much before it counts as "behind". Beyond
 * it, someone may have turned the clock back to stretch the offline grace period.
 */
export const CLOCK_TOLERANCE_MS = 60_000;

/** Keeps the latest server time the device has seen. */
export async function noteServerTime(serverTime: string | number, db: LocalDb = localDb): Promise<void> {
  const t = typeof serverTime === 'number' ? serverTime : Date.parse(serverTime);
  if (!Number.isFinite(t)) return;
  await db.transaction('rw', db.prefs, async () => {
    const seen = await db.prefs.get(KEY);
    if (typeof seen?.value !== 'number' || seen.value < t) await db.prefs.put({ key: KEY, value: t });
  });
}

export async function lastServerTime(db: LocalDb = localDb): Promise<number | null> {
  const seen = await db.prefs.get(KEY);
  return typeof seen?.value === 'number' ? seen.value : null;
}

export async function clockIsBehind(now: number, db: LocalDb = localDb): Promise<boolean> {
  const seen = await lastServerTime(db);
  return seen !== null && now < seen - CLOCK_TOLERANCE_MS;
}
