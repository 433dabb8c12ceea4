import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalDb } from '../lib/storage/local-db';
import { OFFLINE_SESSION_MAX_MS } from './offline-policy';
import { queueOfflineLogin } from './offline-queue';
import {
  endOfflineSession,
  onOfflineSession,
  openOfflineSession,
  restoreOfflineSession,
  type OfflineSession,
} from './offline-session';

const NOW = Date.UTC(2026, 5, 1, 9, 0, 0);
const cara = { id: 'user-cara-01', name: 'Cara', role: 'cashier' as const };
let db: LocalDb;

beforeEach(() => {
  db = new LocalDb(`offline-session-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

async function open(until = NOW + 24 * 60 * 60_000): Promise<OfflineSession> {
  const entry = await queueOfflineLogin(cara, NOW, db);
  return openOfflineSession(
    { user: cara, organisationId: 'org-00000001', entryKey: entry.idempotencyKey, until },
    NOW,
    db,
  );
}

describe('offline sessions', () => {
  it('last no longer than a server session, nor past the grace period', async () => {
    expect(Date.parse((await open()).expiresAt)).toBe(NOW + OFFLINE_SESSION_MAX_MS);
    expect(Date.parse((await open(NOW + 60_000)).expiresAt)).toBe(NOW + 60_000);
  });

  it('are announced when they open and end, and their logout is queued', async () => {
    const seen: (string | null)[] = [];
    const stop = onOfflineSession((s) => seen.push(s?.user.name ?? null));
    const s = await open();
    await endOfflineSession(NOW + 5_000, db);
    stop();
    expect(seen).toEqual(['Cara', null]);
    expect((await db.offlineQueue.get(s.entryKey))?.logoutAt).toBe(NOW + 5_000);
    expect(await restoreOfflineSession(NOW, db)).toBeNull();
  });

  it('are not restored once they ran out', async () => {
    await open(NOW + 60_000);
    expect(await restoreOfflineSession(NOW + 30_000, db)).not.toBeNull();
    expect(await restoreOfflineSession(NOW + 2 * 60_000, db)).toBeNull();
  });
});
