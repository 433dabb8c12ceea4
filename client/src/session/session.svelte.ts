import type { SessionJSON } from '@tapin/shared';
import { holdChallenge } from '../device/held-challenge';
import * as authApi from '../lib/api/auth-api';
import { ApiClientError } from '../lib/api/api-error';
import { onSessionProblem } from '../lib/api/request';
import { loadPart } from '../lib/load-part';
import {
  endOfflineSession,
  onOfflineSession,
  restoreOfflineSession,
  type OfflineSession,
} from '../offline/offline-session';
import { flushPendingLogout, notePendingLogout } from '../offline/pending-logout';
import { deletePreferences, readPreference, writePreference } from '../lib/storage/preferences';
import { cacheSession, forgetCachedSession, restoreCachedSession } from './cached-session';

/** Who is logged in on this screen, shared by every component. */
class SessionState {
  /** The session the server knows (or its cached copy while the server can't be reached). */
  current = $state<SessionJSON | null>(null);
  /** A session opened by an offline PIN login; it is reported to the server later. */
  offline = $state<OfflineSession | null>(null);
  /** False until the first answer (or failure) from the server. */
  loaded = $state(false);
  /**
   * Lock: the PIN pad shows over the session, which goes on. The same person's PIN resumes it,
   * anyone else's ends it and logs them in. Kept on the device, so a reload stays locked.
   */
  locked = $state(false);
  /** Why the PIN pad came back by itself, said there until the next PIN. */
  lockNote = $state<(() => string) | null>(null);

  constructor() {
    onOfflineSession((s) => (this.offline = s));
    // A session that ends during use (expired, revoked, PIN login deactivated) shows the login
    // screen again at once; one whose step-up ran out goes back to the register.
    onSessionProblem((problem) => {
      if (!this.current || this.offline) return;
      if (problem === 'unauthenticated') void this.#clear();
      else if (this.current.adminAccess && this.current.kind === 'register') {
        this.current = { ...this.current, adminAccess: false };
      }
    });
  }

  /** Whoever is logged in, online or offline. */
  get active(): SessionJSON | OfflineSession | null {
    return this.offline ?? this.current;
  }

  /** `background`: the client checks by itself, which does not count as using the session. */
  async refresh(opts: { background?: boolean } = {}): Promise<void> {
    try {
      if (!this.loaded) this.locked = (await readPreference('registerLocked')) === true;
      // A session opened offline lives on the device until it is logged out or runs out.
      if (await restoreOfflineSession(Date.now())) return;
      await flushPendingLogout(() => authApi.logout());
      const current = await authApi.session(opts);
      holdChallenge(current.nextChallenge);
      this.set(current);
    } catch (err) {
      if (err instanceof ApiClientError && err.code === 'unauthenticated') await this.#clear();
      else if (err instanceof ApiClientError && err.offline)
        this.current = await restoreCachedSession(Date.now());
      else throw err;
    } finally {
      this.loaded = true;
      // Nothing left to lock over.
      if (this.locked && !this.active) this.unlock();
    }
  }

  /** A session the server just confirmed. */
  set(s: SessionJSON | null): void {
    this.current = s;
    this.loaded = true;
    if (s?.kind === 'register') void cacheSession(s);
    else if (!s) void forgetCachedSession();
  }

  lock(note: (() => string) | null = null): void {
    this.locked = true;
    this.lockNote = note;
    void writePreference('registerLocked', true);
  }

  unlock(): void {
    this.locked = false;
    this.lockNote = null;
    void deletePreferences(['registerLocked']);
  }

  /** An online PIN login: the server resumed the locked session or replaced it; either way, unlocked. */
  async pinLoggedIn(s: SessionJSON): Promise<void> {
    // An offline session it replaces is reported as logged out.
    if (this.offline) await endOfflineSession(Date.now());
    this.set(s);
    this.unlock();
  }

  async logout(): Promise<void> {
    try {
      if (this.offline) {
        await endOfflineSession(Date.now());
        // The sync is a chunk of its own, loaded at start (see App.svelte).
        void loadPart(() => import('../offline/offline-sync')).then(
          ({ offlineSync }) => offlineSync.now(),
          () => {},
        );
      } else {
        await authApi.logout();
      }
    } catch (err) {
      // Offline: the register logs out now; the server hears about it when it is back.
      if (!(err instanceof ApiClientError && err.offline)) throw err;
      await notePendingLogout();
    } finally {
      await this.#clear();
    }
  }

  async #clear(): Promise<void> {
    this.current = null;
    if (this.locked) this.unlock();
    await forgetCachedSession();
  }
}

export const session = new SessionState();
