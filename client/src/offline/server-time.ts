import { localDb, type LocalDb } from '../lib/storage/local-db';
import { readPreference, writePreference } from '../lib/storage/preferences';

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
    const seen = await readPreference('lastServerTime', db);
    if (seen === undefined || seen < t) await writePreference('lastServerTime', t, db);
  });
}

export async function lastServerTime(db: LocalDb = localDb): Promise<number | null> {
  return (await readPreference('lastServerTime', db)) ?? null;
}

export async function clockIsBehind(now: number, db: LocalDb = localDb): Promise<boolean> {
  const seen = await lastServerTime(db);
  return seen !== null && now < seen - CLOCK_TOLERANCE_MS;
}
