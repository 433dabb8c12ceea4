import { isAdminRole, type Role, type SessionKind } from '@tapin/shared';

/** The top-level screens. Each owns a part of the URL space. */
export type Screen = 'setup' | 'login' | 'pin-login' | 'approve-device' | 'admin' | 'register';

/** The username and password screen; on a device with PIN login it is the way around the PIN pad. */
export const PASSWORD_LOGIN_PATH = '/login';

export interface ScreenFacts {
  setupNeeded: boolean;
  /** Whoever is logged in, by a session the server knows or one opened offline. */
  session: { user: { role: Role }; kind: SessionKind; adminAccess: boolean } | null;
  /** The register is locked over that session: the PIN pad shows over the register. */
  locked?: boolean;
  /** This device is approved and its organisation has Log in with PIN code on. */
  pinLogin: boolean;
  /** On a device with PIN login, someone chose "Log in with username and password". */
  passwordLoginChosen: boolean;
  /** The password login that just happened should first offer to approve this device. */
  approvalOffered: boolean;
  /** Where the browser is now. */
  path: string;
}

/**
 * Which screen this browser shows.
 * - Nobody logged in: the PIN login screen on a device that may use it (unless the username and
 *   password screen was asked for), else the username and password screen.
 * - Admins and managers who logged in with a password (a `web` session) get the admin environment,
 *   after the approval screen when it is offered.
 * - A PIN (`register`) session opens the register. An admin or manager whose register session has
 *   admin access (after confirming their password) may open the admin environment from there.
 * - Cashiers always get the register, and so does a locked register session: the PIN pad shows
 *   over it.
 */
export function screenFor(facts: ScreenFacts): Screen {
  if (facts.setupNeeded) return 'setup';
  const { session } = facts;
  if (!session) return facts.pinLogin && !facts.passwordLoginChosen ? 'pin-login' : 'login';
  if (!isAdminRole(session.user.role) || facts.locked) return 'register';
  if (session.kind === 'web') return facts.approvalOffered ? 'approve-device' : 'admin';
  return session.adminAccess && ownsPath('admin', facts.path) ? 'admin' : 'register';
}

/** Where a screen lives, and where the browser goes when its path does not belong to it. */
const HOME: Record<Screen, string> = {
  setup: '/setup',
  login: PASSWORD_LOGIN_PATH,
  'pin-login': '/',
  'approve-device': '/approve-device',
  admin: '/admin/pin-login',
  register: '/',
};

export function ownsPath(screen: Screen, path: string): boolean {
  switch (screen) {
    case 'admin':
      return path.startsWith('/admin/') || path.startsWith('/settings/');
    default:
      return path === HOME[screen];
  }
}

/** The path to show: the current one when it belongs to the screen, else the screen's home. */
export function pathFor(screen: Screen, path: string): string {
  return ownsPath(screen, path) ? path : HOME[screen];
}

/** Screens that someone passes on the way in: a deep link waits behind them for its screen. */
export function isOnTheWayIn(screen: Screen): boolean {
  return screen === 'login' || screen === 'pin-login' || screen === 'approve-device';
}
