import type { DeviceState } from './device/device-state.svelte';
import { wipeOfflineAccess } from './offline/wipe-offline-access';
import { noteServerTime } from './offline/server-time';
import type { LocalDb } from './lib/storage/local-db';

/**
 * What the app does with the device's news: the server's time goes into the offline clock check,
 * and a device that is revoked or deleted keeps nothing that lets anyone in offline.
 */
export function followDeviceNews(device: DeviceState, db?: LocalDb): () => void {
  return device.onNews(async ({ state, serverTime }) => {
    await noteServerTime(serverTime, db);
    if (state !== 'approved') await wipeOfflineAccess(db);
  });
}
