import type { DeviceState } from './device/device-state.svelte';
import { noteServerTime } from './offline/server-time';
import { loadPart } from './lib/load-part';
import type { LocalDb } from './lib/storage/local-db';
import { session } from './session/session.svelte';
import { loginNotice } from './session/login-notice.svelte';

/**
 * What the app does with the device's news: the server's time goes into the offline clock check,
 * and a device that is revoked or deleted keeps nothing that lets anyone in offline. When the PIN
 * pad goes away (PIN login switched off, the device revoked), the server has ended the register's
 * sessions: the register asks at once instead of at its next session check, and says why when
 * PIN login was switched off.
 */
export function followDeviceNews(device: DeviceState, db?: LocalDb): () => void {
  let hadPinLogin: boolean | null = null;
  return device.onNews(async ({ state, serverTime }) => {
    await noteServerTime(serverTime, db);
    // Rare, so not part of the register's start.
    if (state !== 'approved') {
      const { wipeOfflineAccess } = await loadPart(() => import('./offline/wipe-offline-access'));
      await wipeOfflineAccess(db);
    }
    const has = device.showsPinLogin;
    if (has) loginNotice.pinLoginSwitchedOff = false;
    const lost = hadPinLogin === true && !has;
    hadPinLogin = has;
    if (!lost) return;
    // A session opened offline ends as the server's own did; one the server keeps (the admin who
    // switched it off, a password login) stays.
    if (session.offline) await session.logout();
    else if (session.current) await session.refresh({ background: true }).catch(() => {});
    if (state === 'approved' && !session.active) loginNotice.pinLoginSwitchedOff = true;
  });
}
