import * as z from 'zod/mini';
import { LANGUAGES } from './languages.js';
import { NextChallenge } from './device-challenge.js';
import { text } from './text.js';
import { Id, IsoDateTime, RowVersion } from './fields.js';
import { CHALLENGE_MAX, DEVICE_ID_LENGTH, DEVICE_NAME_MAX } from './limits.js';

/** A device's ID is the RFC 7638 thumbprint of its public key: base64url of a SHA-256. */
export const DeviceId = text(
  z.regex(new RegExp(`^[A-Za-z0-9_-]{${DEVICE_ID_LENGTH}}$`), 'Not a valid device ID'),
);
export type DeviceId = z.infer<typeof DeviceId>;

/** The public half of the device's ECDSA P-256 key, as WebCrypto exports it. */
export const DevicePublicKeyJWK = z.strictObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: text(z.regex(/^[A-Za-z0-9_-]{43}$/)),
  y: text(z.regex(/^[A-Za-z0-9_-]{43}$/)),
  ext: z.optional(z.boolean()),
  key_ops: z.optional(z.array(z.literal('verify')).check(z.maxLength(1))),
});
export type DevicePublicKeyJWK = z.infer<typeof DevicePublicKeyJWK>;

export const DeviceName = text(
  z.trim(),
  z.minLength(1, 'Give the device a name'),
  z.maxLength(DEVICE_NAME_MAX),
);

export const DEVICE_STATUSES = ['approved', 'revoked', 'locked'] as const;
export const DeviceStatus = z.enum(DEVICE_STATUSES);
export type DeviceStatus = z.infer<typeof DeviceStatus>;

export const DeviceJSON = z.object({
  id: DeviceId,
  name: text(),
  status: DeviceStatus,
  approvedAt: IsoDateTime,
  approvedBy: z.nullable(text()),
  lastLoginAt: z.nullable(IsoDateTime),
  version: RowVersion,
});
export type DeviceJSON = z.infer<typeof DeviceJSON>;

export const DeviceReplyJSON = z.object({ device: DeviceJSON });
export type DeviceReplyJSON = z.infer<typeof DeviceReplyJSON>;
export const DeviceListJSON = z.object({ devices: z.array(DeviceJSON) });
export type DeviceListJSON = z.infer<typeof DeviceListJSON>;

export const DeviceSessionJSON = z.object({
  id: Id,
  user: z.nullable(z.object({ id: Id, name: text() })),
  ip: z.nullable(text()),
  loginAt: IsoDateTime,
  offline: z.boolean(),
  active: z.boolean(),
});
export type DeviceSessionJSON = z.infer<typeof DeviceSessionJSON>;

export const DeviceDetailsJSON = z.object({
  device: DeviceJSON,
  failedAttempts: z.int(),
  sessions: z.array(DeviceSessionJSON),
  page: z.int(),
  pageCount: z.int(),
});
export type DeviceDetailsJSON = z.infer<typeof DeviceDetailsJSON>;

export const DeviceIdParam = z.strictObject({ id: DeviceId });
export const DeviceDetailsQuery = z.strictObject({
  page: z.optional(
    z.coerce.number().check(z.refine(Number.isInteger, 'Expected a whole number'), z.gte(1), z.lte(100000)),
  ),
});

export const ApproveDeviceRequest = z.strictObject({
  name: DeviceName,
  publicKey: DevicePublicKeyJWK,
  /** Compact ES256 JWS over DeviceApprovalProofPayload: the device holds the key it registers. */
  proof: text(z.maxLength(2048)),
});
export type ApproveDeviceRequest = z.infer<typeof ApproveDeviceRequest>;

/** What the device signs, with the key it asks to register, over an `approval` challenge. */
export const DeviceApprovalProofPayload = z.strictObject({
  purpose: z.literal('tapin:approve-device'),
  challenge: text(z.maxLength(CHALLENGE_MAX)),
  deviceId: DeviceId,
});
export type DeviceApprovalProofPayload = z.infer<typeof DeviceApprovalProofPayload>;

/** Edit name, with the device's version the dialog was opened at. */
export const RenameDeviceRequest = z.strictObject({ name: DeviceName, version: RowVersion });
export type RenameDeviceRequest = z.infer<typeof RenameDeviceRequest>;

/** What a device learns about itself before it decides which login screen to show. */
export const DeviceStateRequest = z.strictObject({ deviceId: DeviceId });
export const DeviceStateJSON = z.object({
  /** `unknown` covers never approved and deleted alike. */
  state: z.enum(['unknown', 'approved', 'revoked']),
  /** Only meaningful for an approved device: whether its organisation has PIN login on. */
  pinLoginActive: z.boolean(),
  /**
   * An approved device locked after too many wrong PINs, until an admin or manager unlocks it. No
   * secret from whoever holds the device: they made the guesses that locked it. Absent (from a
   * server before this field) means false.
   */
  locked: z.optional(z.boolean()),
  /** For an approved device: what its PIN screen shows, and keeps for an offline start. */
  deviceName: z.optional(text()),
  organisationName: z.optional(text()),
  /** For an approved device: its organisation's language for registers, null for the browser's. */
  registerLanguage: z.optional(z.nullable(z.enum(LANGUAGES))),
  serverTime: IsoDateTime,
  /**
   * A device that is not approved may ask for an approval code: PIN login is active for its
   * organisation or, for a device the server does not know, for some organisation here.
   */
  codeApproval: z.optional(z.boolean()),
  /** For an approved device with PIN login on: the challenge for its next PIN login. */
  ...NextChallenge,
});
export type DeviceStateJSON = z.infer<typeof DeviceStateJSON>;
