import { deviceIdentity } from '../device/device-identity';
import { ApiClientError } from '../lib/api/api-error';
import * as deviceApi from '../lib/api/device-api';
import * as offlineApi from '../lib/api/offline-api';
import { connectivity } from '../lib/connectivity.svelte';
import { loadPart } from '../lib/load-part';
import { pendingEntries } from './offline-queue';
import { wipeOfflineAccess } from './wipe-offline-access';

/** Retry delays after failed uploads: 5 s doubling to 5 minutes. */
export function uploadBackoffMs(failures: number): number {
  return Math.min(5 * 60_000, 5_000 * 2 ** Math.max(0, failures - 1));
}

/**
 * Uploads the offline queue whenever the server is reachable: at start, at every reconnection,
 * and after failures with growing pauses. Each entry is applied by the server exactly once.
 */
class OfflineSync {
  #failures = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running: Promise<void> | null = null;
  /** Told when the server refuses this device's uploads: it was revoked or deleted. */
  onRefused: (() => void) | null = null;

  start(): void {
    connectivity.onReconnect(() => this.now());
    this.now();
  }

  now(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#running) return;
    this.#running = this.#run().finally(() => {
      this.#running = null;
    });
  }

  async #run(): Promise<void> {
    try {
      // Mostly there is nothing to send; the upload code is fetched only when there is.
      if ((await pendingEntries(undefined, 1)).length === 0) {
        this.#failures = 0;
        return;
      }
      const { uploadOfflineQueue } = await loadPart(() => import('./offline-upload'));
      const key = await deviceIdentity();
      await uploadOfflineQueue(key, {
        challenge: (deviceId) => deviceApi.challenge({ deviceId, purpose: 'offline-upload' }),
        upload: (body) => offlineApi.upload(body),
      });
      this.#failures = 0;
    } catch (err) {
      if (err instanceof ApiClientError && err.code === 'offline_upload_refused') {
        // The queue stays: if the device is approved again, its sessions can still be reported.
        await wipeOfflineAccess();
        this.onRefused?.();
        return;
      }
      this.#failures++;
      this.#timer = setTimeout(() => this.now(), uploadBackoffMs(this.#failures));
    }
  }
}

export const offlineSync = new OfflineSync();
