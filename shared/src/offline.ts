import * as z from 'zod/mini';
import { text } from './text.js';
import { DeviceId } from './devices.js';
import { Id, IsoDateTime } from './fields.js';
import { CHALLENGE_MAX, IDEMPOTENCY_KEY_MAX, IDEMPOTENCY_KEY_MIN } from './limits.js';
import { Role } from './roles.js';

/**
 * The signed offline roster: who may log in by PIN on this device while the server cannot be
 * reached, and until when. The server signs it (ES256 JWT); the register verifies signature and
 * expiry before it lets anyone in offline.
 */
export const OfflineRosterClaims = z.object({
  iss: z.literal('tapin'),
  aud: z.literal('tapin:offline-roster'),
  sub: DeviceId,
  org: Id,
  iat: z.int(),
  exp: z.int(),
  /** Server time in milliseconds when signed; the device clock must not be behind it. */
  serverTime: z.int(),
  idleLockMinutes: z.int(),
  users: z.array(
    z.object({
      id: Id,
      name: text(),
      role: Role,
      /** Epoch milliseconds: this user's last online login here plus the grace period. */
      until: z.int(),
    }),
  ),
});
export type OfflineRosterClaims = z.infer<typeof OfflineRosterClaims>;

export const OfflineRosterJSON = z.object({ roster: text(), serverTime: IsoDateTime });
export type OfflineRosterJSON = z.infer<typeof OfflineRosterJSON>;

/** The server's public signing key, which the register caches to verify rosters offline. */
export const SigningKeyJSON = z.object({
  jwk: z.object({
    kty: z.literal('EC'),
    crv: z.literal('P-256'),
    x: text(),
    y: text(),
    kid: text(),
  }),
});
export type SigningKeyJSON = z.infer<typeof SigningKeyJSON>;

export const IdempotencyKey = text(
  z.regex(
    new RegExp(`^[A-Za-z0-9_-]{${IDEMPOTENCY_KEY_MIN},${IDEMPOTENCY_KEY_MAX}}$`),
    'Not a valid idempotency key',
  ),
);

/** One session that was opened on the device while it was offline. */
export const OfflineSessionEntry = z.strictObject({
  idempotencyKey: IdempotencyKey,
  userId: Id,
  loginAt: IsoDateTime,
  logoutAt: z.nullable(IsoDateTime),
});
export type OfflineSessionEntry = z.infer<typeof OfflineSessionEntry>;

export const MAX_OFFLINE_UPLOAD_ENTRIES = 50;

/** Signed by the device (ES256 JWS) so that only it can report its own offline sessions. */
export const OfflineUploadPayload = z.strictObject({
  purpose: z.literal('tapin:offline-upload'),
  challenge: text(z.maxLength(CHALLENGE_MAX)),
  deviceId: DeviceId,
  entries: z.array(OfflineSessionEntry).check(z.maxLength(MAX_OFFLINE_UPLOAD_ENTRIES)),
});
export type OfflineUploadPayload = z.infer<typeof OfflineUploadPayload>;

export const OfflineUploadRequest = z.strictObject({
  deviceId: DeviceId,
  /** Compact JWS over OfflineUploadPayload. */
  proof: text(z.maxLength(15_000)),
});
export type OfflineUploadRequest = z.infer<typeof OfflineUploadRequest>;

export const OfflineUploadResultJSON = z.object({
  /** Entries that created a session or recorded a logout now. */
  applied: z.int(),
  /** Entries the server already had: a repeated upload changes nothing. */
  duplicates: z.int(),
  /**
   * Entries refused, and each recorded in the audit log: a time outside what the device could have
   * seen, or a user whom no roster issued to this device named for that time.
   */
  rejected: z.int(),
});
export type OfflineUploadResultJSON = z.infer<typeof OfflineUploadResultJSON>;
