import type { SessionJSON } from '@tapin/shared';
import { queueOfflineLogout } from '../offline/offline-queue';
import { offlineSync } from '../offline/offline-sync';
import { api } from './api/api';
import { ApiClientError } from './api/api-error';
import { onSessionProblem } from './api/request';
import { localDb } from './storage/local-db';

/** The register's session kept on the device, so a cashier stays logged in through an outage. */
interface CachedSession {
  session: SessionJSON;
  /** Set when the session was opened offline: the key of its entry in the upload queue. */
  offlineEntry: string | null;
}

const CACHE_KEY = 'session';
/** A log out made while offline, still to be told to the server (the cookie outlives it). */
const PENDING_LOGOUT_KEY = 'pendingServerLogout';

/** Who is logged in on this screen, shared by every component. */
class SessionState {
  current = $state<SessionJSON | null>(null);
  /** False until the first answer (or failure) from the server. */
  loaded = $state(false);
  /** The queue key of a session opened offline; null for a session the server knows. */
  offlineEntry = $state<string | null>(null);

  constructor() {
    // A session that ends during use (expired, revoked, PIN login deactivated) shows the login
    // screen again at once; one whose step-up ran out goes back to the register.
    onSessionProblem((problem) => {
      if (!this.current || this.offlineEntry) return;
      if (problem === 'unauthenticated') void this.#clear();
      else if (this.current.adminAccess && this.current.kind === 'register') {
        this.current = { ...this.current, adminAccess: false };
      }
    });
  }

  async refresh(): Promise<SessionJSON | null> {
    try {
      const cached = await this.#cached();
      // A session opened offline lives on the device until it is logged out or runs out.
      if (cached?.offlineEntry) {
        this.#restore(cached);
        return this.current;
      }
      await this.#flushPendingLogout();
      this.set(await api.session());
    } catch (err) {
      if (err instanceof ApiClientError && err.status === 401) await this.#clear();
      else if (err instanceof ApiClientError && err.offline) this.#restore(await this.#cached());
      else throw err;
    } finally {
      this.loaded = true;
    }
    return this.current;
  }

  /** A session the server just confirmed. */
  set(s: SessionJSON | null): void {
    this.current = s;
    this.offlineEntry = null;
    this.loaded = true;
    if (s?.kind === 'register')
      void localDb.cache.put({ key: CACHE_KEY, value: { session: s, offlineEntry: null } });
    else if (!s) void localDb.cache.delete(CACHE_KEY);
  }

  /** A session opened by an offline PIN login; it is reported to the server later. */
  setOffline(s: SessionJSON, offlineEntry: string): void {
    this.current = s;
    this.offlineEntry = offlineEntry;
    this.loaded = true;
    void localDb.cache.put({ key: CACHE_KEY, value: { session: s, offlineEntry } satisfies CachedSession });
  }

  async logout(): Promise<void> {
    const entry = this.offlineEntry;
    try {
      if (entry) {
        await queueOfflineLogout(entry, Date.now());
        offlineSync.now();
      } else {
        await api.logout();
      }
    } catch (err) {
      // Offline: the register logs out now; the server hears about it when it is back.
      if (!(err instanceof ApiClientError && err.offline)) throw err;
      await localDb.prefs.put({ key: PENDING_LOGOUT_KEY, value: true });
    } finally {
      await this.#clear();
    }
  }

  async #clear(): Promise<void> {
    this.current = null;
    this.offlineEntry = null;
    await localDb.cache.delete(CACHE_KEY);
  }

  async #cached(): Promise<CachedSession | null> {
    const row = await localDb.cache.get(CACHE_KEY);
    return (row?.value as CachedSession | undefined) ?? null;
  }

  #restore(cached: CachedSession | null): void {
    const usable = cached && Date.parse(cached.session.expiresAt) > Date.now();
    this.current = usable ? { ...cached.session, adminAccess: false } : null;
    this.offlineEntry = usable ? cached.offlineEntry : null;
  }

  async #flushPendingLogout(): Promise<void> {
    if (!(await localDb.prefs.get(PENDING_LOGOUT_KEY))) return;
    await api.logout();
    await localDb.prefs.delete(PENDING_LOGOUT_KEY);
  }
}

export const session = new SessionState();
