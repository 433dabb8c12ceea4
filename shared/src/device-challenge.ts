import * as z from 'zod/mini';
import { IsoDateTime } from './fields.js';
import { text } from './text.js';

/** What a device-signed challenge may be used for. */
export const ChallengePurpose = z.enum(['pin-login', 'offline-upload', 'approval']);
export type ChallengePurpose = z.infer<typeof ChallengePurpose>;

/**
 * A challenge for a device to sign. The server keeps nothing when it issues one: it is signed and
 * timed by the server, and spent at use by a compare-and-set on the device's row.
 */
export const PinChallengeJSON = z.object({
  challenge: text(),
  expiresAt: IsoDateTime,
  /** How long it stays valid from when it was sent, so a device need not trust its own clock. */
  validForSeconds: z.number(),
});
export type PinChallengeJSON = z.infer<typeof PinChallengeJSON>;

/** Answers that hand a register the challenge for its next PIN login carry it under this name. */
export const NextChallenge = { nextChallenge: z.optional(PinChallengeJSON) };
