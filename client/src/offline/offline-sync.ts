import { deviceIdentity } from '../device/device-identity';
import { ApiClientError } from '../lib/api/api-error';
import * as deviceApi from '../lib/api/device-api';
import * as offlineApi from '../lib/api/offline-api';
import { connectivity } from '../lib/connectivity.svelte';
import { wipeOfflineAccess } from './offline-login';
import { storeRoster, storeSigningKey } from './offline-roster';
import { uploadBackoffMs, uploadOfflineQueue } from './offline-upload';
import { noteServerTime } from './server-time';

/**
 * After an online PIN login: fetch the server's public key and the signed list of who may log in
 * offline here, so the register is ready for the next outage.
 */
export async function refreshOfflineAccess(): Promise<void> {
  const [{ jwk }, { roster, serverTime }] = await Promise.all([offlineApi.signingKey(), offlineApi.roster()]);
  await storeSigningKey(jwk);
  await storeRoster(roster);
  await noteServerTime(serverTime);
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
