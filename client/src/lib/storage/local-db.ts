import Dexie, { type EntityTable } from 'dexie';

/** The device's key pair. CryptoKey objects are stored as they are; the private one cannot be exported. */
export interface DeviceKeyRecord {
  id: 'device';
  deviceId: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
  createdAt: number;
}

/** Small per-device preferences, such as "Don't ask again" for the approval screen. */
export interface PrefRecord {
  key: string;
  value: string | number | boolean;
}

/**
 * The secret this device mixes into offline PIN verifiers: a non-extractable HMAC key and a salt.
 * It never leaves the device, so a verifier copied elsewhere cannot be tested there.
 */
export interface OfflineSecretRecord {
  id: 'offline';
  hmacKey: CryptoKey;
  salt: Uint8Array;
}

/** Derived from a user's PIN at an online login on this device; never the PIN itself. */
export interface OfflineVerifierRecord {
  userId: string;
  verifier: string;
  createdAt: number;
}

/** One offline session waiting to be reported to the server; the key makes the upload idempotent. */
export interface OfflineQueueRecord {
  idempotencyKey: string;
  userId: string;
  userName: string;
  loginAt: number;
  logoutAt: number | null;
  /** 0 until the server confirmed this state of the entry. */
  uploaded: 0 | 1;
}

/** Anything cached as one JSON value: the signed roster, the server's public key, the session. */
export interface CacheRecord {
  key: string;
  value: unknown;
}

export class LocalDb extends Dexie {
  deviceKeys!: EntityTable<DeviceKeyRecord, 'id'>;
  prefs!: EntityTable<PrefRecord, 'key'>;
  offlineSecret!: EntityTable<OfflineSecretRecord, 'id'>;
  verifiers!: EntityTable<OfflineVerifierRecord, 'userId'>;
  offlineQueue!: EntityTable<OfflineQueueRecord, 'idempotencyKey'>;
  cache!: EntityTable<CacheRecord, 'key'>;

  constructor(name = 'tapin') {
    super(name);
    this.version(1).stores({
      deviceKeys: 'id',
      prefs: 'key',
      offlineSecret: 'id',
      verifiers: 'userId',
      offlineQueue: 'idempotencyKey, uploaded',
      cache: 'key',
    });
  }
}

export const localDb = new LocalDb();
