import * as z from 'zod/mini';
import { Password, PersonName, Username } from './fields.js';

export const SetupStatusJSON = z.object({ needed: z.boolean() });
export type SetupStatusJSON = z.infer<typeof SetupStatusJSON>;

/** First run: creates the organisation and its first admin. */
export const SetupRequest = z.strictObject({
  organisationName: PersonName,
  name: PersonName,
  username: Username,
  password: Password,
});
export type SetupRequest = z.infer<typeof SetupRequest>;
