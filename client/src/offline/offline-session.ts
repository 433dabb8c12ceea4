import type { OfflineRosterClaims } from '@tapin/shared';
import { loadPart } from '../lib/load-part';
import { localDb, type LocalDb } from '../lib/storage/local-db';
import { OFFLINE_SESSION_MAX_MS } from './offline-policy';

const KEY = 'offlineSession';

/**
 * A register session opened by an offline PIN login. It knows only what the signed roster says,
 * and never has admin access: the admin environment needs the server.
 */
export interface OfflineSession {
  kind: 'register';
  adminAccess: false;
  user: Pick<OfflineRosterClaims['users'][number], 'id' | 'name' | 'role'>;
  organisationId: string;
  expiresAt: string;
  /** The key of its entry in the upload queue. */
  entryKey: string;
}

type Listener = (session: OfflineSession | null) => void;
const listeners = new Set<Listener>();

/** Tells `listener` each time an offline session opens, is restored or ends. Returns the unsubscribe. */
export function onOfflineSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function announce(session: OfflineSession | null): void {
  for (const l of listeners) l(session);
}

async function storedSession(db: LocalDb): Promise<OfflineSession | undefined> {
  return (await db.cache.get(KEY))?.value as OfflineSession | undefined;
}

/** Opens the session of an offline PIN login; it lasts no longer than a server session would. */
export async function openOfflineSession(
  login: { user: OfflineSession['user']; organisationId: string; entryKey: string; until: number },
  now: number,
  db: LocalDb = localDb,
): Promise<OfflineSession> {
  const session: OfflineSession = {
    kind: 'register',
    adminAccess: false,
    user: { id: login.user.id, name: login.user.name, role: login.user.role },
    organisationId: login.organisationId,
    expiresAt: new Date(Math.min(login.until, now + OFFLINE_SESSION_MAX_MS)).toISOString(),
    entryKey: login.entryKey,
  };
  await db.cache.put({ key: KEY, value: session });
  announce(session);
  return session;
}

/** The offline session kept on this device, if it has not run out; rebuilt, so it has no admin access. */
export async function restoreOfflineSession(
  now: number,
  db: LocalDb = localDb,
): Promise<OfflineSession | null> {
  const stored = await storedSession(db);
  // One that ran out stays stored until the next offline login replaces it, and is never used.
  const session: OfflineSession | null =
    stored && Date.parse(stored.expiresAt) > now ? { ...stored, kind: 'register', adminAccess: false } : null;
  announce(session);
  return session;
}

/** Log out (or Lock) of an offline session: the logout is queued for the server. */
export async function endOfflineSession(logoutAt: number, db: LocalDb = localDb): Promise<void> {
  const stored = await storedSession(db);
  // The queue is not part of the register's start: only an offline session gets here.
  if (stored) {
    const { queueOfflineLogout } = await loadPart(() => import('./offline-queue'));
    await queueOfflineLogout(stored.entryKey, logoutAt, db);
  }
  await db.cache.delete(KEY);
  announce(null);
}
