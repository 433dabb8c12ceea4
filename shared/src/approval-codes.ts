import * as z from 'zod/mini';
import { isApprovalCodeShape, normaliseApprovalCode } from './approval-code-format.js';
import { DeviceId, DeviceName, DevicePublicKeyJWK } from './devices.js';
import { IsoDateTime } from './fields.js';
import { CHALLENGE_MAX } from './limits.js';
import { text } from './text.js';

// Approving a device from afar: the device asks for a one-time code, an admin or manager enters
// it under My account > Log in with PIN code and approves the key that asked for it.

/** A code as typed: dashes, spaces and lower case are forgiven; anything else is refused. */
export const ApprovalCode = text(
  z.maxLength(32),
  z.overwrite(normaliseApprovalCode),
  z.minLength(1, 'Enter the code shown on the device'),
  z.refine(isApprovalCodeShape, 'A code has 8 letters and digits, as shown on the device'),
);

/** What the device sends: its public key, and proof that it holds the private one. */
export const ApprovalCodeRequest = z.strictObject({
  publicKey: DevicePublicKeyJWK,
  /** Compact ES256 JWS over ApprovalCodeProofPayload, over an `approval` challenge. */
  proof: text(z.maxLength(2048)),
});
export type ApprovalCodeRequest = z.infer<typeof ApprovalCodeRequest>;

/** What the device signs to ask for a code; its own purpose, so it proves nothing else. */
export const ApprovalCodeProofPayload = z.strictObject({
  purpose: z.literal('tapin:request-approval-code'),
  challenge: text(z.maxLength(CHALLENGE_MAX)),
  deviceId: DeviceId,
});
export type ApprovalCodeProofPayload = z.infer<typeof ApprovalCodeProofPayload>;

/** The device's code, shown on its screen until it expires or an approver uses it. */
export const ApprovalCodeJSON = z.object({
  code: text(),
  expiresAt: IsoDateTime,
  /** How long it stays valid from when it was sent, so a device need not trust its own clock. */
  validForSeconds: z.number(),
});
export type ApprovalCodeJSON = z.infer<typeof ApprovalCodeJSON>;

export const LookUpApprovalCodeRequest = z.strictObject({ code: ApprovalCode });
export type LookUpApprovalCodeRequest = z.infer<typeof LookUpApprovalCodeRequest>;

/** What the approver sees about the device that asked, before approving it. */
export const ApprovalCodeDetailsJSON = z.object({
  browser: text(),
  operatingSystem: text(),
  ip: z.nullable(text()),
  requestedAt: IsoDateTime,
  expiresAt: IsoDateTime,
  /** The name the device had, when it was approved in this organisation before (and revoked). */
  previousName: z.nullable(text()),
});
export type ApprovalCodeDetailsJSON = z.infer<typeof ApprovalCodeDetailsJSON>;

export const ApproveWithCodeRequest = z.strictObject({ code: ApprovalCode, name: DeviceName });
export type ApproveWithCodeRequest = z.infer<typeof ApproveWithCodeRequest>;
