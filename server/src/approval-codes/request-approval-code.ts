import type { Kysely } from 'kysely';
import { ApprovalCodeProofPayload, type ApprovalCodeJSON, type ApprovalCodeRequest } from '@tapin/shared';
import { recordAudit } from '../audit/record-audit.js';
import type { DB } from '../db/schema.js';
import { serialise } from '../db/serialise.js';
import { checkApprovalChallenge } from '../devices/device-challenges.js';
import { canonicalPublicKey, deviceIdOf } from '../devices/device-key.js';
import { findDeviceWithOrganisation } from '../devices/device-repository.js';
import { verifyDeviceProof } from '../devices/verify-device-proof.js';
import { DomainError } from '../errors/domain-error.js';
import { anyOrganisationWithPinLogin } from '../organisation/organisation-repository.js';
import { reserveAttempt } from '../rate-limit/attempt-budget.js';
import { randomId } from '../random-id.js';
import {
  APPROVAL_CODE_TTL_MS,
  LIVE_APPROVAL_CODES_MAX,
  approvalCodeRequestBudget,
} from './approval-code-policy.js';
import {
  codeHashTaken,
  countLiveRequests,
  deleteUnusedRequestsOfDevice,
  firstLiveExpiry,
  insertRequest,
} from './approval-code-repository.js';
import { hashApprovalCode, newApprovalCode } from './approval-code-secret.js';
import { describeUserAgent } from './describe-user-agent.js';

/**
 * `POST /api/approval-codes`: a device that is not approved asks for a one-time code, registering
 * the public key it proves it holds. Anyone can call it, so it is limited per address and the
 * codes waiting at once are capped; a device's new code replaces its earlier one.
 */
export async function requestApprovalCode(
  db: Kysely<DB>,
  keys: { challenge: Buffer; code: Buffer },
  r: ApprovalCodeRequest & { ip: string | null; userAgent: string | undefined; now: number },
): Promise<ApprovalCodeJSON> {
  // Counted first, so that requests with a bad proof cost their sender too.
  await reserveAttempt(db, approvalCodeRequestBudget(r.ip), r.now);
  const deviceId = await deviceIdOf(r.publicKey);
  const publicKeyJwk = canonicalPublicKey(r.publicKey);
  // Only the device that holds the private key can ask, so only it can be approved by the code.
  const signed = verifyDeviceProof(
    { id: deviceId, public_key_jwk: publicKeyJwk },
    r.proof,
    ApprovalCodeProofPayload,
  );
  if (!signed || !checkApprovalChallenge(keys.challenge, deviceId, signed.challenge, r.now)) {
    throw new DomainError(
      'device_proof_invalid',
      'This device could not prove that it holds its key. Try again.',
    );
  }
  const { browser, operatingSystem } = describeUserAgent(r.userAgent);
  return db.transaction().execute(async (trx) => {
    // The cap is a check-then-write: requests in parallel must not all pass it.
    await serialise(trx, 'approval-code-requests');
    // A device the server knows belongs to its organisation, and only that one may approve it.
    const known = await findDeviceWithOrganisation(trx, deviceId);
    const organisationId = known ? known.organisation.id : null;
    const pinLoginActive = known
      ? known.organisation.pin_login_active === 1
      : await anyOrganisationWithPinLogin(trx);
    if (!pinLoginActive) {
      throw new DomainError(
        'pin_login_inactive',
        'Log in with PIN code is not active, so there is nothing to approve',
      );
    }
    await deleteUnusedRequestsOfDevice(trx, deviceId);
    if ((await countLiveRequests(trx, r.now)) >= LIVE_APPROVAL_CODES_MAX) {
      const freeAt = (await firstLiveExpiry(trx, r.now)) ?? r.now + APPROVAL_CODE_TTL_MS;
      throw new DomainError(
        'rate_limited',
        'Too many devices are waiting for approval. Try again in a few minutes.',
        {
          retryAfterSeconds: Math.max(1, Math.ceil((freeAt - r.now) / 1000)),
        },
      );
    }
    // Serialised, so no other request inserts between this check and the insert.
    let code = newApprovalCode();
    while (await codeHashTaken(trx, hashApprovalCode(keys.code, code))) code = newApprovalCode();
    const expiresAt = r.now + APPROVAL_CODE_TTL_MS;
    await insertRequest(trx, {
      id: randomId(),
      code_hash: hashApprovalCode(keys.code, code),
      device_id: deviceId,
      public_key_jwk: publicKeyJwk,
      organisation_id: organisationId,
      browser,
      operating_system: operatingSystem,
      ip: r.ip,
      created_at: r.now,
      expires_at: expiresAt,
      approved_at: null,
      approved_by: null,
    });
    if (organisationId) {
      const scope = { organisationId, actorUserId: null, ip: r.ip, now: r.now };
      await recordAudit(trx, scope, {
        type: 'approval_code.requested',
        deviceId,
        detail: { browser, operatingSystem },
      });
    }
    return {
      code,
      expiresAt: new Date(expiresAt).toISOString(),
      validForSeconds: APPROVAL_CODE_TTL_MS / 1000,
    };
  });
}
