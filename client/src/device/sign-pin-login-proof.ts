import { CompactSign } from 'jose';
import type { PinLoginProofPayload } from '@tapin/shared';
import type { DeviceKeyRecord } from '../lib/storage/local-db';

/** The device's proof for one PIN login: an ES256 JWS over the challenge and its own ID. */
export function signPinLoginProof(key: DeviceKeyRecord, challenge: string): Promise<string> {
  const payload: PinLoginProofPayload = { purpose: 'tapin:pin-login', challenge, deviceId: key.deviceId };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'ES256' })
    .sign(key.privateKey);
}
