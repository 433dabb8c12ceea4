import { isAdminRole, type SessionJSON } from '@tapin/shared';

/** The top-level screens. Each owns a part of the URL space. */
export type Screen = 'setup' | 'login' | 'admin' | 'register';

/**
 * Which screen this browser shows. Admins and managers who logged in with a password (a `web`
 * session) get the admin environment; everyone else, and every PIN (`register`) session, gets
 * the register.
 */
export function screenFor(state: { setupNeeded: boolean; session: SessionJSON | null }): Screen {
  if (state.setupNeeded) return 'setup';
  if (!state.session) return 'login';
  if (state.session.kind === 'web' && isAdminRole(state.session.user.role)) return 'admin';
  return 'register';
}

/** Where a screen lives, and where the browser goes when its path does not belong to it. */
const HOME: Record<Screen, string> = {
  setup: '/setup',
  login: '/login',
  admin: '/admin/pin-login',
  register: '/',
};

export function ownsPath(screen: Screen, path: string): boolean {
  switch (screen) {
    case 'setup':
      return path === '/setup';
    case 'login':
      return path === '/login';
    case 'admin':
      return path.startsWith('/admin/') || path.startsWith('/settings/');
    case 'register':
      return path === '/';
  }
}

/** The path to show: the current one when it belongs to the screen, else the screen's home. */
export function pathFor(screen: Screen, path: string): string {
  return ownsPath(screen, path) ? path : HOME[screen];
}
