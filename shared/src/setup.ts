import * as z from 'zod/mini';
import { text } from './text.js';
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

/** The one-time token the server prints at start, for a first-run setup not made on its own machine. */
export const SETUP_TOKEN_MAX = 100;

/** First-run setup from the browser: the setup token is needed unless the request comes from localhost. */
export const FirstRunSetupRequest = z.extend(SetupRequest, {
  setupToken: z.optional(text(z.maxLength(SETUP_TOKEN_MAX))),
});
export type FirstRunSetupRequest = z.infer<typeof FirstRunSetupRequest>;
