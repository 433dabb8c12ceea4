import type { Kysely } from 'kysely';
import { DeviceApprovalProofPayload, type ApproveDeviceRequest, type DeviceJSON } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import type { DB } from '../db/schema.js';
import { DomainError } from '../errors/domain-error.js';
import { checkApprovalChallenge } from './device-challenges.js';
import { canonicalPublicKey, deviceIdOf } from './device-key.js';
import { saveDeviceApproval } from './save-device-approval.js';
import { verifyDeviceProof } from './verify-device-proof.js';

/**
 * Approve, on the device itself: registers the device's public key under a name, so that PIN
 * login works on it (see saveDeviceApproval). `created` tells a first approval from a repeated one.
 */
export async function approveDevice(
  db: Kysely<DB>,
  actor: Actor,
  { name, publicKey, proof }: ApproveDeviceRequest,
  challengeKey: Buffer,
): Promise<{ device: DeviceJSON; created: boolean }> {
  const id = await deviceIdOf(publicKey);
  const publicKeyJwk = canonicalPublicKey(publicKey);
  // The device proves it holds the private key it registers, over a challenge issued to it.
  const signed = verifyDeviceProof({ id, public_key_jwk: publicKeyJwk }, proof, DeviceApprovalProofPayload);
  if (!signed || !checkApprovalChallenge(challengeKey, id, signed.challenge, actor.now)) {
    throw new DomainError(
      'device_proof_invalid',
      'This device could not prove that it holds its key. Try approving it again.',
    );
  }
  return db.transaction().execute((trx) => saveDeviceApproval(trx, actor, { id, publicKeyJwk, name }));
}
