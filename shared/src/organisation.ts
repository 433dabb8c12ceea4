import * as z from 'zod/mini';
import { changesSomething, RowVersion } from './fields.js';
import { LANGUAGES } from './languages.js';
import { MAX_IDLE_LOCK_MINUTES, MAX_OFFLINE_GRACE_MINUTES } from './limits.js';

export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

export const PinLoginSettingsJSON = z.object({
  active: z.boolean(),
  offlineGraceMinutes: z.int(),
  idleLockMinutes: z.int(),
  requirePasskey: z.boolean(),
  /** The language its registers start in unless one was chosen on the register; null: the browser's. */
  registerLanguage: z.nullable(Language),
  /** The organisation's version: Activate, Deactivate and the settings forms send it back. */
  version: RowVersion,
});
export type PinLoginSettingsJSON = z.infer<typeof PinLoginSettingsJSON>;

export const UpdatePinLoginSettingsRequest = z
  .strictObject({
    version: RowVersion,
    offlineGraceMinutes: z.optional(z.int().check(z.gte(0), z.lte(MAX_OFFLINE_GRACE_MINUTES))),
    idleLockMinutes: z.optional(z.int().check(z.gte(1), z.lte(MAX_IDLE_LOCK_MINUTES))),
    requirePasskey: z.optional(z.boolean()),
    registerLanguage: z.optional(z.nullable(Language)),
  })
  .check(z.refine(changesSomething, 'Nothing to change'));
export type UpdatePinLoginSettingsRequest = z.infer<typeof UpdatePinLoginSettingsRequest>;

/** Actions that carry no data, but must still be JSON so CSRF rules apply. */
export const EmptyRequest = z.strictObject({});
