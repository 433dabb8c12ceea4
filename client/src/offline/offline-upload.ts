import type { OfflineUploadPayload, OfflineUploadResultJSON } from '@tapin/shared';
import { signDeviceProof } from '../device/sign-device-proof';
import { localDb, type DeviceKeyRecord, type LocalDb } from '../lib/storage/local-db';
import { markUploaded, pendingEntries } from './offline-queue';

export interface UploadTransport {
  challenge(deviceId: string): Promise<{ challenge: string }>;
  upload(body: { deviceId: string; proof: string }): Promise<OfflineUploadResultJSON>;
}

/**
 * Sends every pending offline session to the server, signed by the device key, in batches.
 * Safe to call any number of times: the server applies each idempotency key once.
 * Returns how many entries the server confirmed.
 */
export async function uploadOfflineQueue(
  key: DeviceKeyRecord,
  transport: UploadTransport,
  db: LocalDb = localDb,
): Promise<number> {
  let confirmed = 0;
  for (;;) {
    const batch = await pendingEntries(db);
    if (batch.length === 0) return confirmed;
    const { challenge } = await transport.challenge(key.deviceId);
    const payload: OfflineUploadPayload = {
      purpose: 'tapin:offline-upload',
      challenge,
      deviceId: key.deviceId,
      entries: batch.map((e) => ({
        idempotencyKey: e.idempotencyKey,
        userId: e.userId,
        loginAt: new Date(e.loginAt).toISOString(),
        logoutAt: e.logoutAt === null ? null : new Date(e.logoutAt).toISOString(),
      })),
    };
    const proof = await signDeviceProof(key, payload);
    await transport.upload({ deviceId: key.deviceId, proof });
    await markUploaded(batch, db);
    confirmed += batch.length;
  }
}
