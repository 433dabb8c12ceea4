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
