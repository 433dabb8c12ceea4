import { z } from 'zod';
import { Id, IsoDateTime, Password, Username } from './fields.js';
import { Role } from './roles.js';

/**
 * `web`: opened with a password or a passkey; may use the admin environment (admins, managers).
 * `register`: opened with a PIN on an approved device; opens the register only, and needs a
 * step-up before it may use the admin environment.
 */
export const SessionKind = z.enum(['web', 'register']);
export type SessionKind = z.infer<typeof SessionKind>;

export const SessionJSON = z.object({
  user: z.object({ id: Id, name: z.string(), username: z.string(), role: Role }),
  organisation: z.object({ id: Id, name: z.string() }),
  kind: SessionKind,
  /** True when this session may use the admin environment now. */
  adminAccess: z.boolean(),
  deviceId: z.string().nullable(),
  expiresAt: IsoDateTime,
  /** Server time when this answer was made; the client keeps the latest it saw. */
  serverTime: IsoDateTime,
});
export type SessionJSON = z.infer<typeof SessionJSON>;

export const PasswordLoginRequest = z.strictObject({
  username: Username,
  password: z.string().min(1).max(256),
});
export type PasswordLoginRequest = z.infer<typeof PasswordLoginRequest>;

/** Step-up from a register session to the admin environment. */
export const StepUpRequest = z.strictObject({ password: Password.or(z.string().min(1).max(256)) });
export type StepUpRequest = z.infer<typeof StepUpRequest>;
