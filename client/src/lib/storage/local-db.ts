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

export class LocalDb extends Dexie {
  deviceKeys!: EntityTable<DeviceKeyRecord, 'id'>;
  prefs!: EntityTable<PrefRecord, 'key'>;

  constructor(name = 'tapin') {
    super(name);
    this.version(1).stores({ deviceKeys: 'id', prefs: 'key' });
  }
}

export const localDb = new LocalDb();
