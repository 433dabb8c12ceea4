import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deviceIdentity } from '../device/device-identity';
import { LocalDb } from '../lib/storage/local-db';
import { pendingEntries, queueOfflineLogin, queueOfflineLogout } from './offline-queue';
import { uploadOfflineQueue, type UploadTransport } from './offline-upload';

const NOW = Date.UTC(2026, 5, 1, 9, 0, 0);
let db: LocalDb;
beforeEach(() => {
  db = new LocalDb(`queue-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('the offline queue', () => {
  it('keeps an entry pending when its logout is recorded while its upload is in flight, and sends it again', async () => {
    const key = await deviceIdentity(db);
    const entry = await queueOfflineLogin({ id: 'user-cara-01', name: 'Cara' }, NOW, db);
    const uploads: number[] = [];
    let inFlight: (() => Promise<void>) | null = () =>
      queueOfflineLogout(entry.idempotencyKey, NOW + 60_000, db);
    const transport: UploadTransport = {
      challenge: () => Promise.resolve({ challenge: 'c'.repeat(43) }),
      async upload() {
        uploads.push(uploads.length);
        // The cashier logs out while the first upload is on its way.
        const during = inFlight;
        inFlight = null;
        await during?.();
        return { applied: 1, duplicates: 0, rejected: 0 };
      },
    };
    expect(await uploadOfflineQueue(key, transport, db)).toBe(2);
    expect(uploads).toHaveLength(2);
    expect(await pendingEntries(db)).toEqual([]);
    expect((await db.offlineQueue.get(entry.idempotencyKey))?.logoutAt).toBe(NOW + 60_000);
  });

  it('marks an unchanged entry uploaded once the server confirmed it', async () => {
    const key = await deviceIdentity(db);
    await queueOfflineLogin({ id: 'user-cara-01', name: 'Cara' }, NOW, db);
    const transport: UploadTransport = {
      challenge: () => Promise.resolve({ challenge: 'c'.repeat(43) }),
      upload: () => Promise.resolve({ applied: 1, duplicates: 0, rejected: 0 }),
    };
    expect(await uploadOfflineQueue(key, transport, db)).toBe(1);
    expect(await pendingEntries(db)).toEqual([]);
  });
});
