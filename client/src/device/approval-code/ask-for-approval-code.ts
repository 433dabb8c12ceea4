import type { ApprovalCodeJSON } from '@tapin/shared';
import * as approvalCodeApi from '../../lib/api/approval-code-api';
import * as deviceApi from '../../lib/api/device-api';
import { localDb, type LocalDb } from '../../lib/storage/local-db';
import { deviceIdentity } from '../device-identity';
import { signDeviceProof } from '../sign-device-proof';

/**
 * Asks the server for a one-time approval code for this device. The request carries the device's
 * public key and a proof made with its private key, so the code can approve this device only.
 */
export async function askForApprovalCode(db: LocalDb = localDb): Promise<ApprovalCodeJSON> {
  const key = await deviceIdentity(db);
  const { challenge } = await deviceApi.challenge({ deviceId: key.deviceId, purpose: 'approval' });
  const proof = await signDeviceProof(key, {
    purpose: 'tapin:request-approval-code',
    challenge,
    deviceId: key.deviceId,
  });
  return approvalCodeApi.askForCode({ publicKey: key.publicJwk, proof });
}
