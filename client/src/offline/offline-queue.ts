import { base64urlEncode } from '../lib/crypto/es256-jws';
import { localDb, type LocalDb, type OfflineQueueRecord } from '../lib/storage/local-db';

function idempotencyKey(): string {
  return base64urlEncode(crypto.getRandomValues(new Uint8Array(18)));
}

/** Queues an offline login; it survives reloads until the server has confirmed it. */
export async function queueOfflineLogin(
  user: { id: string; name: string },
  loginAt: number,
  db: LocalDb = localDb,
): Promise<OfflineQueueRecord> {
  const record: OfflineQueueRecord = {
    idempotencyKey: idempotencyKey(),
    userId: user.id,
    userName: user.name,
    loginAt,
    logoutAt: null,
    uploaded: 0,
  };
  await db.offlineQueue.add(record);
  return record;
}

/** Queues the logout of an offline session (again, if its login was already uploaded). */
export async function queueOfflineLogout(
  key: string,
  logoutAt: number,
  db: LocalDb = localDb,
): Promise<void> {
  await db.offlineQueue.update(key, { logoutAt, uploaded: 0 });
}

export function pendingEntries(db: LocalDb = localDb, limit = 50): Promise<OfflineQueueRecord[]> {
  return db.offlineQueue.where('uploaded').equals(0).limit(limit).toArray();
}

/**
 * Marks what the server confirmed. An entry that changed meanwhile (a logout arrived during the
 * upload) stays pending, so its new state goes up next time.
 */
export async function markUploaded(sent: OfflineQueueRecord[], db: LocalDb = localDb): Promise<void> {
  await db.transaction('rw', db.offlineQueue, async () => {
    for (const s of sent) {
      const now = await db.offlineQueue.get(s.idempotencyKey);
      if (now && now.logoutAt === s.logoutAt) await db.offlineQueue.update(s.idempotencyKey, { uploaded: 1 });
    }
  });
}
