/**
 * Runs `check` every `intervalMs`, and at once whenever the screen becomes visible again or the
 * connection comes back. Returns the function that stops it.
 */
export function onWake(check: () => void, intervalMs: number): () => void {
  const timer = setInterval(check, intervalMs);
  const onVisible = () => {
    if (document.visibilityState === 'visible') check();
  };
  document.addEventListener('visibilitychange', onVisible);
  addEventListener('online', check);
  return () => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisible);
    removeEventListener('online', check);
  };
}
