import type { Screen } from '../lib/routing/screen-for';

/**
 * Whether the app may offer to reload into a new version now, and what the offer must say.
 * - `none`: nothing waits, or someone is at work on the register (a sale must never be cut off):
 *   the new version waits silently.
 * - `idle`: nobody is logged in (the PIN pad or the login screen shows), so nothing can be lost.
 * - `unsaved-work`: the admin environment, setup or device approval, where a form may be half
 *   filled in; the offer says to save first.
 */
export type ReloadOffer = 'none' | 'idle' | 'unsaved-work';

export interface ReloadFacts {
  /** A new version is installed and waits to take over. */
  newVersionReady: boolean;
  /** The screen the app shows; null while it is still loading. */
  screen: Screen | null;
  /** The app could not start; a new version may well be the fix. */
  startFailed: boolean;
}

export function reloadOffer(facts: ReloadFacts): ReloadOffer {
  // Nothing to offer.
  if (!facts.newVersionReady) return 'none';
  // A screen that failed to start has nothing to lose.
  if (facts.startFailed) return 'idle';
  switch (facts.screen) {
    case 'pin-login':
    case 'login':
      return 'idle';
    case 'admin':
    case 'setup':
    case 'approve-device':
      return 'unsaved-work';
    // The register in use, or a screen still loading: wait for the next time nobody is logged in.
    case 'register':
    case null:
      return 'none';
  }
}
