import * as z from 'zod/mini';
import { text } from './text.js';
import { Id, IsoDateTime } from './fields.js';

export const AUDIT_EVENT_TYPES = [
  'organisation.created',
  'pin_login.activated',
  'pin_login.deactivated',
  'settings.changed',
  'user.created',
  'user.deleted',
  'user.pin_set',
  'user.pin_cleared',
  'user.password_changed',
  'user.role_changed',
  'user.login_method_changed',
  'user.pin_conflict',
  'user.username_conflict',
  'login.password_failed',
  'login.pin_failed',
  'login.passkey_failed',
  'device.approved',
  'device.renamed',
  'device.revoked',
  'device.deleted',
  'device.locked',
  'device.unlocked',
  /** A PIN login on a register ended the session of the person before, who had locked it. */
  'session.switched_user',
  'offline.upload_refused',
  'approval_code.requested',
  'approval_code.approved',
  'approval_code.wrong',
  'approval_code.expired',
  'passkey.added',
  'passkey.removed',
  'passkey.counter_regressed',
  /** A privileged action refused to a logged-in actor: see the detail's action, code and reason. */
  'access.refused',
] as const;
export const AuditEventType = z.enum(AUDIT_EVENT_TYPES);
export type AuditEventType = z.infer<typeof AuditEventType>;

export const AuditEventJSON = z.object({
  id: Id,
  type: AuditEventType,
  actor: z.nullable(z.object({ id: Id, name: text() })),
  /** The user the event is about, by the name they have now, or had when they were deleted. */
  target: z.nullable(z.object({ id: Id, name: text() })),
  /** The device the event is about, named the same way. */
  device: z.nullable(z.object({ id: text(), name: text() })),
  ip: z.nullable(text()),
  detail: z.record(text(), z.union([text(), z.number(), z.boolean(), z.null()])),
  createdAt: IsoDateTime,
});
export type AuditEventJSON = z.infer<typeof AuditEventJSON>;

export const AuditQuery = z.strictObject({
  before: z.optional(Id),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPageJSON = z.object({
  events: z.array(AuditEventJSON),
  nextBefore: z.nullable(text()),
});
export type AuditPageJSON = z.infer<typeof AuditPageJSON>;
