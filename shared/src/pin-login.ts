import * as z from 'zod/mini';
import { ChallengePurpose } from './device-challenge.js';
import { text } from './text.js';
import { DeviceId } from './devices.js';
import { CHALLENGE_MAX } from './limits.js';
import { Pin } from './pin.js';

export const PinChallengeRequest = z.strictObject({
  deviceId: DeviceId,
  purpose: z._default(ChallengePurpose, 'pin-login'),
});
export type PinChallengeRequest = z.input<typeof PinChallengeRequest>;

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
