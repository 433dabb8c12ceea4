import type { DeviceStateJSON } from '@tapin/shared';
import { localDb, type LocalDb } from './local-db';

/** Every small value this device keeps in `prefs`, with its type. No other key is ever written. */
export interface Preferences {
  /** Setup happened once: offline, the register starts as set up. */
  setupDone: boolean;
  /** The organisation's "Lock after inactivity", for when the server can't be reached. */
  idleLockMinutes: number;
  /** A logout made while offline, still to be told to the server (the cookie outlives it). */
  pendingServerLogout: boolean;
  /** The last approval state the server told this device. */
  deviceApproval: DeviceStateJSON['state'];
  /** Whether the organisation had PIN login on, as last told to this (approved) device. */
  pinLoginActive: boolean;
  /** Whether this (approved) device was locked after too many wrong PINs, as last told. */
  deviceLocked: boolean;
  /** What the PIN screen shows: this device's name and its organisation's, as last told. */
  deviceName: string;
  organisationName: string;
  /** The register was locked over a session: a reload shows the PIN pad, not the session. */
  registerLocked: boolean;
  /** "Don't ask again" on the approval screen. */
  approvalPromptMuted: boolean;
  /** The latest server time seen, in epoch milliseconds. */
  lastServerTime: number;
  /** Wrong offline PINs in a row. */
  offlineFailures: number;
}

export type PreferenceKey = keyof Preferences;

export async function readPreference<K extends PreferenceKey>(
  key: K,
  db: LocalDb = localDb,
): Promise<Preferences[K] | undefined> {
  // Only writePreference writes these rows, so each value has its key's type.
  return (await db.prefs.get(key))?.value as Preferences[K] | undefined;
}

export async function writePreference<K extends PreferenceKey>(
  key: K,
  value: Preferences[K],
  db: LocalDb = localDb,
): Promise<void> {
  await db.prefs.put({ key, value });
}

export async function deletePreferences(
  keys: readonly PreferenceKey[],
  db: LocalDb = localDb,
): Promise<void> {
  await db.prefs.bulkDelete([...keys]);
}
