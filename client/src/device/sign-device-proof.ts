import { CompactSign } from 'jose';
import type { DeviceApprovalProofPayload, OfflineUploadPayload, PinLoginProofPayload } from '@tapin/shared';
import type { DeviceKeyRecord } from '../lib/storage/local-db';

/**
 * The device's proof: an ES256 JWS made with its non-extractable private key, over a payload that
 * names its purpose, the server's challenge and the device's own ID.
 */
export function signDeviceProof(
  key: DeviceKeyRecord,
  payload: PinLoginProofPayload | OfflineUploadPayload | DeviceApprovalProofPayload,
): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'ES256' })
    .sign(key.privateKey);
}
