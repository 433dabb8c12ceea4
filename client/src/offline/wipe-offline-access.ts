import { localDb, type LocalDb } from '../lib/storage/local-db';
import { deletePreferences } from '../lib/storage/preferences';
import { forgetRoster } from './offline-roster';
import { endOfflineSession } from './offline-session';

/**
 * When the device learns it was revoked or deleted: nothing cached may let anyone in offline.
 * Only what offline login reads goes; the queue stays, so its sessions can still be reported.
 */
export async function wipeOfflineAccess(db: LocalDb = localDb): Promise<void> {
  await db.transaction('rw', [db.verifiers, db.cache, db.prefs], async () => {
    await db.verifiers.clear();
    await forgetRoster(db);
    await deletePreferences(['offlineFailures'], db);
  });
  // A session opened offline on a device that is no longer approved ends too.
  await endOfflineSession(Date.now(), db);
}
