import { setOrganisationLanguage } from '../lib/i18n/language.svelte';
import type { DeviceStateJSON } from '@tapin/shared';
import * as deviceApi from '../lib/api/device-api';
import { holdChallenge } from './held-challenge';
import { signDeviceProof } from './sign-device-proof';
import { localDb, type LocalDb } from '../lib/storage/local-db';
import { readPreference, writePreference } from '../lib/storage/preferences';
import { unmuteApprovalPrompt } from './approval-prompt';
import type { DeviceApproval } from './device-approval';
import { deviceIdentity } from './device-identity';

/**
 * What this device knows about itself: its ID, whether an admin or manager approved it, and
 * whether its organisation has Log in with PIN code on. Together they decide which login screen
 * someone who is logged out sees.
 */
export class DeviceState {
  deviceId = $state<string | null>(null);
  approval = $state<DeviceApproval>('unknown');
  pinLoginActive = $state(false);
  /** Locked after too many wrong PINs, until an admin or manager unlocks it. */
  locked = $state(false);
  /** What the PIN screen shows: where this register is. */
  deviceName = $state('');
  organisationName = $state('');
  /** Not approved, but an admin or manager could approve it from afar with a code. */
  codeApproval = $state(false);
  /** False until the first answer, or the last known state when there is none. */
  loaded = $state(false);

  readonly #db: LocalDb;
  readonly #listeners = new Set<(answer: DeviceStateJSON) => void | Promise<void>>();
  /** What was last stored, so a register that asks every few seconds writes only news. */
  #stored = '';

  constructor(db: LocalDb = localDb) {
    this.#db = db;
  }

  /** Logged-out people see the PIN login screen instead of the username and password screen. */
  get showsPinLogin(): boolean {
    return this.approval === 'approved' && this.pinLoginActive;
  }

  /**
   * Hears each answer of the server, before refresh() resolves, for whoever acts on it (such as
   * offline access). Returns the unsubscribe.
   */
  onNews(listener: (answer: DeviceStateJSON) => void | Promise<void>): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Asks the server; when it can't be reached, keeps the last state it told this device. Never throws. */
  async refresh(): Promise<void> {
    try {
      const { deviceId } = await deviceIdentity(this.#db);
      this.deviceId = deviceId;
      try {
        const answer = await deviceApi.state(deviceId);
        holdChallenge(answer.nextChallenge);
        const approved = answer.state === 'approved';
        this.approval = answer.state;
        this.pinLoginActive = approved && answer.pinLoginActive;
        this.locked = approved && answer.locked === true;
        this.deviceName = answer.deviceName ?? '';
        this.organisationName = answer.organisationName ?? '';
        this.codeApproval = answer.codeApproval === true;
        // The organisation's language for its registers; a choice made on this register still wins.
        setOrganisationLanguage(approved ? (answer.registerLanguage ?? null) : null);
        await this.#remember();
        for (const l of this.#listeners) await l(answer);
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
    // The server registers a key only from the device that holds its private half.
    const { challenge } = await deviceApi.challenge({ deviceId: key.deviceId, purpose: 'approval' });
    const proof = await signDeviceProof(key, {
      purpose: 'tapin:approve-device',
      challenge,
      deviceId: key.deviceId,
    });
    await deviceApi.approve({ name, publicKey: key.publicJwk, proof });
    this.approval = 'approved';
    // Approving answers the question "Don't ask again" was about.
    await unmuteApprovalPrompt(this.#db);
    await this.refresh();
  }

  async #remember(): Promise<void> {
    const db = this.#db;
    const known = [this.approval, this.pinLoginActive, this.locked, this.deviceName, this.organisationName];
    const key = known.join('\n');
    if (key === this.#stored) return;
    this.#stored = key;
    await writePreference('deviceApproval', this.approval, db);
    await writePreference('pinLoginActive', this.pinLoginActive, db);
    await writePreference('deviceLocked', this.locked, db);
    await writePreference('deviceName', this.deviceName, db);
    await writePreference('organisationName', this.organisationName, db);
  }

  async #recall(): Promise<void> {
    const db = this.#db;
    const known = await readPreference('deviceApproval', db);
    if (!known) return;
    this.approval = known;
    this.pinLoginActive = (await readPreference('pinLoginActive', db)) === true;
    this.locked = (await readPreference('deviceLocked', db)) === true;
    this.deviceName = (await readPreference('deviceName', db)) ?? '';
    this.organisationName = (await readPreference('organisationName', db)) ?? '';
  }
}

/** This browser's device, shared by every screen. */
export const thisDevice = new DeviceState();
