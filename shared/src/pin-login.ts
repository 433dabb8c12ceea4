import * as z from 'zod/mini';
import { text } from './text.js';
import { IsoDateTime } from './fields.js';
import { DeviceId } from './devices.js';
import { CHALLENGE_MAX } from './limits.js';
import { Pin } from './pin.js';

/** What a device-signed challenge may be used for. */
export const ChallengePurpose = z.enum(['pin-login', 'offline-upload']);
export type ChallengePurpose = z.infer<typeof ChallengePurpose>;

export const PinChallengeRequest = z.strictObject({
  deviceId: DeviceId,
  purpose: z._default(ChallengePurpose, 'pin-login'),
});
export type PinChallengeRequest = z.input<typeof PinChallengeRequest>;

export const PinChallengeJSON = z.object({
  challenge: text(),
  expiresAt: IsoDateTime,
});
export type PinChallengeJSON = z.infer<typeof PinChallengeJSON>;

/** What the device signs (as a compact ES256 JWS) to prove it holds its key. */
export const PinLoginProofPayload = z.strictObject({
  purpose: z.literal('tapin:pin-login'),
  challenge: text(z.maxLength(CHALLENGE_MAX)),
  deviceId: DeviceId,
});
export type PinLoginProofPayload = z.infer<typeof PinLoginProofPayload>;

export const PinLoginRequest = z.strictObject({
  deviceId: DeviceId,
  pin: Pin,
  /** Compact JWS over PinLoginProofPayload, signed with the device key. */
  proof: text(z.maxLength(2048)),
});
export type PinLoginRequest = z.infer<typeof PinLoginRequest>;
