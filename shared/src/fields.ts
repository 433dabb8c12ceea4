import * as z from 'zod/mini';
import { text } from './text.js';
import { ID_MAX, NAME_MAX, PASSWORD_MAX, PASSWORD_MIN, USERNAME_MAX } from './limits.js';

/** Identifiers the server hands out: random, URL-safe. */
export const Id = text(z.regex(new RegExp(`^[A-Za-z0-9_-]{8,${ID_MAX}}$`), 'Not a valid identifier'));
export type Id = z.infer<typeof Id>;

export const PersonName = text(z.trim(), z.minLength(1, 'Enter a name'), z.maxLength(NAME_MAX));

export const Username = text(
  z.trim(),
  z.toLowerCase(),
  z.minLength(1, 'Enter a username'),
  z.minLength(2, 'A username has at least 2 characters'),
  z.maxLength(USERNAME_MAX),
  z.regex(/^[a-z0-9._@-]+$/, 'Use letters, digits, and . _ @ - only'),
);

export const Password = text(
  z.minLength(PASSWORD_MIN, `A password has at least ${PASSWORD_MIN} characters`),
  z.maxLength(PASSWORD_MAX),
);

/** Timestamps travel as ISO 8601 strings. */
export const IsoDateTime = text();
export type IsoDateTime = string;

/**
 * How many times a user, device or organisation row was written. A form sends the version it was
 * loaded with, and the write happens only if the row still has it (docs/architecture.md). The
 * column is a 32-bit integer on both engines, so the schema stops there.
 */
export const RowVersion = z.int().check(z.gte(1), z.lte(2_147_483_647));
export type RowVersion = z.infer<typeof RowVersion>;

/** An action on a row that carries nothing but the version it was seen at (Revoke, Activate). */
export const VersionRequest = z.strictObject({ version: RowVersion });
export type VersionRequest = z.infer<typeof VersionRequest>;

/** Whether a change request asks for more than its version: an empty change is refused. */
export const changesSomething = (v: object) => Object.keys(v).some((k) => k !== 'version');
