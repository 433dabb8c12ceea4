import { localDb, type LocalDb } from '../lib/storage/local-db';
import { deletePreferences, readPreference, writePreference } from '../lib/storage/preferences';

/** A log out of a server session made while offline: the register logged out, the cookie did not. */
export async function notePendingLogout(db: LocalDb = localDb): Promise<void> {
  await writePreference('pendingServerLogout', true, db);
}

/** Tells the server about a log out made offline, once it can be reached; throws while it can't. */
export async function flushPendingLogout(send: () => Promise<unknown>, db: LocalDb = localDb): Promise<void> {
  if (!(await readPreference('pendingServerLogout', db))) return;
  await send();
  await deletePreferences(['pendingServerLogout'], db);
}
