import { Workbox } from 'workbox-window';

/**
 * The service worker's lifecycle as the register sees it. A new version is never swapped in by
 * itself: it waits until the person at the register presses "Reload", so nobody loses a task.
 */
class AppUpdates {
  updateAvailable = $state(false);
  private wb: Workbox | null = null;

  start(): void {
    if (!('serviceWorker' in navigator) || this.wb) return;
    this.wb = new Workbox('/sw.js', { scope: '/' });
    this.wb.addEventListener('waiting', () => {
      this.updateAvailable = true;
    });
    this.wb.register().catch(() => {
      // Without a service worker the app still works online; offline start is what is lost.
    });
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
