import type { SessionJSON } from '@tapin/shared';
import { api } from './api/api';
import { ApiClientError } from './api/api-error';
import { onSessionProblem } from './api/request';

/** Who is logged in on this screen, shared by every component. */
class SessionState {
  current = $state<SessionJSON | null>(null);
  /** False until the first answer (or failure) from the server. */
  loaded = $state(false);

  constructor() {
    // A session that ends during use (expired, revoked, PIN login deactivated) shows the login
    // screen again at once; one whose step-up ran out goes back to the register.
    onSessionProblem((problem) => {
      if (!this.current) return;
      if (problem === 'unauthenticated') this.current = null;
      else if (this.current.adminAccess && this.current.kind === 'register') {
        this.current = { ...this.current, adminAccess: false };
      }
    });
  }

  async refresh(): Promise<SessionJSON | null> {
    try {
      this.current = await api.session();
    } catch (err) {
      if (err instanceof ApiClientError && err.status === 401) this.current = null;
      else throw err;
    } finally {
      this.loaded = true;
    }
    return this.current;
  }

  set(s: SessionJSON | null): void {
    this.current = s;
    this.loaded = true;
  }

  async logout(): Promise<void> {
    try {
      await api.logout();
    } finally {
      this.current = null;
    }
  }
}

export const session = new SessionState();
