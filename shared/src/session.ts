import * as z from 'zod/mini';
import { NextChallenge } from './device-challenge.js';
import { text } from './text.js';
import { Id, IsoDateTime, Password } from './fields.js';
import { LOGIN_INPUT_MAX } from './limits.js';
import { Role } from './roles.js';

/**
 * `web`: opened with a password or a passkey; may use the admin environment (admins, managers).
 * `register`: opened with a PIN on an approved device; opens the register only, and needs a
 * step-up before it may use the admin environment.
 */
export const SessionKind = z.enum(['web', 'register']);

export type SessionKind = z.infer<typeof SessionKind>;

export const SessionJSON = z.object({
  user: z.object({ id: Id, name: text(), username: text(), role: Role }),
  organisation: z.object({ id: Id, name: text() }),
  kind: SessionKind,
  /** True when this session may use the admin environment now. */
  adminAccess: z.boolean(),
  deviceId: z.nullable(text()),
  expiresAt: IsoDateTime,
  /** Server time when this answer was made; the client keeps the latest it saw. */
  serverTime: IsoDateTime,
  /**
   * True when the organisation requires a passkey for admins and managers and this user has none
   * yet: the client asks them to add one. Absent means false.
   */
  mustAddPasskey: z.optional(z.boolean()),
  /** On a register: the challenge for the next PIN login, so it needs no round trip of its own. */
  ...NextChallenge,
});
export type SessionJSON = z.infer<typeof SessionJSON>;

/** Deliberately loose: a login form never says which part was wrong, so no format rules here. */
export const PasswordLoginRequest = z.strictObject({
  username: text(z.trim(), z.toLowerCase(), z.minLength(1), z.maxLength(LOGIN_INPUT_MAX)),
  password: text(z.minLength(1), z.maxLength(LOGIN_INPUT_MAX)),
});
export type PasswordLoginRequest = z.infer<typeof PasswordLoginRequest>;

/** Step-up from a register session to the admin environment. */
export const StepUpRequest = z.strictObject({
  password: z.union([Password, text(z.minLength(1), z.maxLength(LOGIN_INPUT_MAX))]),
});
export type StepUpRequest = z.infer<typeof StepUpRequest>;
