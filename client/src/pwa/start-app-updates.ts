import { loadPart } from '../lib/load-part';

let started = false;

/**
 * Starts looking for new versions once the app's first screen shows, after the page's load event
 * (as Workbox itself registers by default): the PIN pad comes first. The service worker's
 * lifecycle and the update prompt (app-updates.svelte.ts, UpdateBanner.svelte) are a chunk of
 * their own, fetched only then, with workbox-window after them.
 */
export function startAppUpdates(): void {
  if (started || !('serviceWorker' in navigator)) return;
  started = true;
  const load = () =>
    void loadPart(() => import('./show-updates')).then(
      ({ showUpdates }) => showUpdates(),
      // Without a service worker the app still works online; offline start is what is lost.
      () => {},
    );
  if (document.readyState === 'complete') load();
  else addEventListener('load', load, { once: true });
}
