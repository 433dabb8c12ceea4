import type { Workbox } from 'workbox-window';
import { connectivity } from '../lib/connectivity.svelte';
import type { Screen } from '../lib/routing/screen-for';
import { localDb } from '../lib/storage/local-db';
import { onScreen } from './on-screen.svelte';
import { reloadOffer } from './reload-offer';
import { scheduleUpdateChecks } from './update-checks';

/** If the new version has not taken over by then, the page reloads anyway (and asks again). */
const TAKEOVER_TIMEOUT_MS = 10_000;

/**
 * The service worker's lifecycle as the app sees it. The app asks for a new version now and then
 * (see update-checks.ts); one that arrives is never swapped in by itself. It waits until the
 * person at the screen presses "Reload", which is offered only where nothing can be lost: never
 * while someone is logged in on the register (see reload-offer.ts).
 */
class AppUpdates {
  /** A new version is installed and waits, or another tab let it take over, until this page reloads. */
  newVersionReady = $state(false);
  /** Pressed "Reload": the new version is taking over. */
  reloading = $state(false);
  /** Whether to offer "Reload" now, and what to say with it. */
  readonly offer = $derived(
    reloadOffer({
      newVersionReady: this.newVersionReady,
      screen: onScreen.screen,
      startFailed: onScreen.startFailed,
    }),
  );

  private wb: Workbox | null = null;
  private registration: ServiceWorkerRegistration | null = null;
  private started = false;
  private checking = false;

  /** The app tells what it shows, which decides whether "Reload" may be offered. */
  showing(screen: Screen | null, startFailed: boolean): void {
    onScreen.screen = screen;
    onScreen.startFailed = startFailed;
  }

  /**
   * Registers the service worker. The app calls this (through startAppUpdates in
   * start-app-updates.ts) once its first screen shows, after the page's load event: the PIN pad
   * comes first, and this chunk and workbox-window are fetched only then, not as part of the start.
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
      // Also fired at registration for a version that was already waiting.
      wb.addEventListener('waiting', () => {
        this.newVersionReady = true;
      });
      this.followController();
      this.wb = wb;
      this.registration = (await wb.register({ immediate: true })) ?? null;
      scheduleUpdateChecks(() => void this.check(), {
        onReconnect: (listener) => connectivity.onReconnect(listener),
      });
    } catch {
      // Without a service worker the app still works online; offline start is what is lost.
    }
  }

  /**
   * A new worker taking control reloads this page when it asked for it. When another tab of the
   * app let it take over, this page still runs the old version: it is offered "Reload" too.
   */
  private followController(): void {
    const sw = navigator.serviceWorker;
    // The first install claims the page that installed it: that is no new version.
    let controlled = sw.controller !== null;
    sw.addEventListener('controllerchange', () => {
      if (this.reloading) location.reload();
      else if (controlled) this.newVersionReady = true;
      controlled = true;
    });
  }

  /** Asks the server for a new version; one that is found installs and then waits. */
  async check(): Promise<void> {
    if (!this.wb || this.checking) return;
    this.checking = true;
    try {
      await this.wb.update();
    } catch {
      // Offline or unreachable: the next reconnection or interval asks again.
    } finally {
      this.checking = false;
    }
  }

  /** Lets the waiting version take over, then reloads once it controls the page. */
  async reload(): Promise<void> {
    if (this.reloading) return;
    this.reloading = true;
    // Everything offline (queued sessions, a pending logout) lives in IndexedDB and survives a
    // reload. A write that has just begun finishes first: a read-write transaction over every
    // table starts only once those before it are done.
    await localDb.transaction('rw', localDb.tables, () => {}).catch(() => {});
    const waiting = this.registration?.waiting;
    if (!waiting) {
      // Another tab let the new version take over already: it controls this page.
      location.reload();
      return;
    }
    setTimeout(() => location.reload(), TAKEOVER_TIMEOUT_MS);
    waiting.postMessage({ type: 'SKIP_WAITING' });
  }
}

export const appUpdates = new AppUpdates();
