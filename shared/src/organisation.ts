import { z } from 'zod';
import { MAX_IDLE_LOCK_MINUTES, MAX_OFFLINE_GRACE_MINUTES } from './limits.js';

export const PinLoginSettingsJSON = z.object({
  active: z.boolean(),
  offlineGraceMinutes: z.number().int(),
  idleLockMinutes: z.number().int(),
  requirePasskey: z.boolean(),
});
export type PinLoginSettingsJSON = z.infer<typeof PinLoginSettingsJSON>;

export const UpdatePinLoginSettingsRequest = z
  .strictObject({
    offlineGraceMinutes: z.number().int().min(0).max(MAX_OFFLINE_GRACE_MINUTES).optional(),
    idleLockMinutes: z.number().int().min(1).max(MAX_IDLE_LOCK_MINUTES).optional(),
    requirePasskey: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change');
export type UpdatePinLoginSettingsRequest = z.infer<typeof UpdatePinLoginSettingsRequest>;

/** Activate and Deactivate carry no data, but must still be JSON so CSRF rules apply. */
export const EmptyRequest = z.strictObject({});
