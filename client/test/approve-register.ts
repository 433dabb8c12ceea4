import { expect } from 'vitest';
import type { TestClient } from '../../server/test/support/test-client';
import { signDeviceProof } from '../src/device/sign-device-proof';
import type { DeviceKeyRecord } from '../src/lib/storage/local-db';

/** Approves the register's own key from an admin's session, with the proof the app itself signs. */
export async function approveRegister(
  admin: TestClient,
  key: DeviceKeyRecord,
  name = 'Till 1',
): Promise<void> {
  const { challenge } = (
    await admin.post<{ challenge: string }>('/api/devices/challenge', {
      deviceId: key.deviceId,
      purpose: 'approval',
    })
  ).body;
  const proof = await signDeviceProof(key, {
    purpose: 'tapin:approve-device',
    challenge,
    deviceId: key.deviceId,
  });
  expect((await admin.post('/api/devices/approve', { name, publicKey: key.publicJwk, proof })).status).toBe(
    201,
  );
}
