import type { DeviceStateJSON } from '@tapin/shared';
import { deviceApi } from '../lib/api/device-api';
import { localDb, type LocalDb } from '../lib/storage/local-db';
import { unmuteApprovalPrompt } from './approval-prompt';
import { deviceIdentity } from './device-identity';
import { wipeOfflineAccess } from '../offline/offline-login';
import { noteServerTime } from '../offline/server-time';

export type DeviceApproval = DeviceStateJSON['state'];

/** Where the last state the server told this device is kept, for when it can't be reached. */
const APPROVAL_KEY = 'deviceApproval';
const PIN_LOGIN_ACTIVE_KEY = 'pinLoginActive';

const APPROVALS: readonly DeviceApproval[] = ['unknown', 'approved', 'revoked'];

/**
 * What this device knows about itself: its ID, whether an admin or manager approved it, and
 * whether its organisation has Log in with PIN code on. Together they decide which login screen
 * someone who is logged out sees.
 */
export class DeviceState {
  deviceId = $state<string | null>(null);
  approval = $state<DeviceApproval>('unknown');
  pinLoginActive = $state(false);
  /** False until the first answer, or the last known state when there is none. */
  loaded = $state(false);

  readonly #db: LocalDb;

  constructor(db: LocalDb = localDb) {
    this.#db = db;
  }

  /** Logged-out people see the PIN login screen instead of the username and password screen. */
  get showsPinLogin(): boolean {
    return this.approval === 'approved' && this.pinLoginActive;
  }

  /** Asks the server; when it can't be reached, keeps the last state it told this device. Never throws. */
  async refresh(): Promise<void> {
    try {
      const { deviceId } = await deviceIdentity(this.#db);
      this.deviceId = deviceId;
      try {
        const answer = await deviceApi.state(deviceId);
        this.approval = answer.state;
        this.pinLoginActive = answer.state === 'approved' && answer.pinLoginActive;
        await this.#remember();
        await noteServerTime(answer.serverTime, this.#db);
        // Revoked or deleted: nothing cached on this device may let anyone in offline any more.
        if (answer.state !== 'approved') await wipeOfflineAccess(this.#db);
      } catch {
        await this.#recall();
      }
    } catch {
      // Without IndexedDB or WebCrypto there is no device key, so no PIN login on this device.
    } finally {
      this.loaded = true;
    }
  }

  /** Step 3 of the article: registers this device's public key under a name. */
  async approve(name: string): Promise<void> {
    const key = await deviceIdentity(this.#db);
    await deviceApi.approve({ name, publicKey: key.publicJwk });
    this.approval = 'approved';
    // Approving answers the question "Don't ask again" was about.
    await unmuteApprovalPrompt(this.#db);
    await this.refresh();
  }

  async #remember(): Promise<void> {
    await this.#db.prefs.bulkPut([
      { key: APPROVAL_KEY, value: this.approval },
      { key: PIN_LOGIN_ACTIVE_KEY, value: this.pinLoginActive },
    ]);
  }

  async #recall(): Promise<void> {
    const [approval, active] = await this.#db.prefs.bulkGet([APPROVAL_KEY, PIN_LOGIN_ACTIVE_KEY]);
    const known = APPROVALS.find((a) => a === approval?.value);
    if (!known) return;
    this.approval = known;
    this.pinLoginActive = active?.value === true;
  }
}

/** This browser's device, shared by every screen. */
export const thisDevice = new DeviceState();
