import type {
  ApprovalCodeProofPayload,
  DeviceApprovalProofPayload,
  OfflineUploadPayload,
  PinLoginProofPayload,
} from '@tapin/shared';
import { signEs256 } from '../lib/crypto/es256-jws';
import type { DeviceKeyRecord } from '../lib/storage/local-db';

/**
 * The device's proof: an ES256 JWS made with its non-extractable private key, over a payload that
 * names its purpose, the server's challenge and the device's own ID.
 */
export function signDeviceProof(
  key: DeviceKeyRecord,
  payload:
    PinLoginProofPayload | OfflineUploadPayload | DeviceApprovalProofPayload | ApprovalCodeProofPayload,
): Promise<string> {
  return signEs256(key.privateKey, JSON.stringify(payload));
}
