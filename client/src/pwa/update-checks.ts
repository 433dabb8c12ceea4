/** How often an app on screen asks the server whether there is a new version. */
export const UPDATE_CHECK_INTERVAL_MS = 30 * 60_000;

/** A page hidden at least this long (a tablet's screen gone dark) asks again when it is shown. */
export const HIDDEN_A_WHILE_MS = 60_000;

export interface UpdateCheckTriggers {
  /** Subscribes to "the server is reachable again"; returns the unsubscribe. */
  onReconnect: (listener: () => void) => () => void;
  now?: () => number;
}

/**
 * Calls `check` every UPDATE_CHECK_INTERVAL_MS while the page is visible, whenever the connection
 * comes back, and when the page is shown again after being hidden a while. The browser checks by
 * itself only at navigations, which a register that stays open all day hardly makes.
 * Returns the function that stops it.
 */
export function scheduleUpdateChecks(check: () => void, triggers: UpdateCheckTriggers): () => void {
  const now = triggers.now ?? Date.now;
  const visible = () => document.visibilityState === 'visible';
  let hiddenSince: number | null = visible() ? null : now();

  const timer = setInterval(() => {
    // A hidden page asks when it is shown again instead.
    if (visible()) check();
  }, UPDATE_CHECK_INTERVAL_MS);

  const onVisibility = () => {
    if (!visible()) {
      hiddenSince ??= now();
      return;
    }
    const hiddenFor = hiddenSince === null ? 0 : now() - hiddenSince;
    hiddenSince = null;
    if (hiddenFor >= HIDDEN_A_WHILE_MS) check();
  };
  document.addEventListener('visibilitychange', onVisibility);
  const stopReconnect = triggers.onReconnect(check);

  return () => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisibility);
    stopReconnect();
  };
}
