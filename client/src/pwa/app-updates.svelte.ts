import type { Workbox } from 'workbox-window';

/**
 * The service worker's lifecycle as the register sees it. A new version is never swapped in by
 * itself: it waits until the person at the register presses "Reload", so nobody loses a task.
 */
class AppUpdates {
  updateAvailable = $state(false);
  private wb: Workbox | null = null;
  private started = false;

  /**
   * Registers the service worker. The app calls this once its first screen shows, and then after
   * the page's load event (as Workbox itself registers by default): the PIN pad comes first, and
   * workbox-window is fetched only then, not as part of the start.
   */
  start(): void {
    if (!('serviceWorker' in navigator) || this.started) return;
    this.started = true;
    const register = () => void this.register();
    if (document.readyState === 'complete') register();
    else addEventListener('load', register, { once: true });
  }

  private async register(): Promise<void> {
    try {
      const { Workbox } = await import('workbox-window');
      const wb = new Workbox('/sw.js', { scope: '/' });
      wb.addEventListener('waiting', () => {
        this.updateAvailable = true;
      });
      this.wb = wb;
      await wb.register({ immediate: true });
    } catch {
      // Without a service worker the app still works online; offline start is what is lost.
    }
  }

  /** Lets the waiting version take over, then reloads once it controls the page. */
  reload(): void {
    const wb = this.wb;
    if (!wb) return;
    wb.addEventListener('controlling', () => location.reload());
    wb.messageSkipWaiting();
  }
}

export const appUpdates = new AppUpdates();
