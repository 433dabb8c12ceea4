import type { Kysely } from 'kysely';
import { OfflineUploadPayload, type OfflineUploadRequest, type OfflineUploadResultJSON } from '@tapin/shared';
import { recordAudit } from '../audit/record-audit.js';
import type { DB } from '../db/schema.js';
import { spendOfflineUploadChallenge } from '../devices/device-challenges.js';
import { findDeviceById, organisationOfDeletedDevice } from '../devices/device-repository.js';
import { verifyDeviceProof } from '../devices/verify-device-proof.js';
import { DomainError } from '../errors/domain-error.js';
import { applyOfflineUpload } from './apply-offline-upload.js';

const refused = () =>
  new DomainError('offline_upload_refused', 'This device may not upload offline sessions');

/**
 * A register reports the sessions it opened while offline, signed with its key over a fresh
 * challenge. A revoked or deleted device is refused, and the refusal audited; so is each entry
 * that no roster issued to the device allowed.
 */
export async function receiveOfflineUpload(
  db: Kysely<DB>,
  { deviceId, proof }: OfflineUploadRequest,
  c: { ip: string | null; now: number; challengeKey: Buffer },
): Promise<OfflineUploadResultJSON> {
  const device = await findDeviceById(db, deviceId);
  if (!device || device.revoked_at !== null) {
    const orgId = device?.organisation_id ?? (await organisationOfDeletedDevice(db, deviceId));
    if (orgId) {
      await recordAudit(
        db,
        { organisationId: orgId, actorUserId: null, ip: c.ip, now: c.now },
        {
          type: 'offline.upload_refused',
          deviceId,
          detail: { reason: device ? 'revoked' : 'deleted' },
        },
      );
    }
    throw refused();
  }
  const payload = verifyDeviceProof(device, proof, OfflineUploadPayload);
  if (!payload) throw refused();
  const fresh = await spendOfflineUploadChallenge(db, c.challengeKey, {
    challenge: payload.challenge,
    device,
    now: c.now,
  });
  if (!fresh) throw refused();
  return applyOfflineUpload(db, { device, entries: payload.entries, ip: c.ip, now: c.now });
}
