import * as z from 'zod/mini';
import { NAME_MAX, PASSWORD_MAX, PASSWORD_MIN, USERNAME_MAX } from './limits.js';

/** Identifiers the server hands out: random, URL-safe. */
export const Id = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'Not a valid identifier'));
export type Id = z.infer<typeof Id>;

export const PersonName = z.string().check(z.trim(), z.minLength(1, 'Enter a name'), z.maxLength(NAME_MAX));

export const Username = z
  .string()
  .check(
    z.trim(),
    z.toLowerCase(),
    z.minLength(2, 'A username has at least 2 characters'),
    z.maxLength(USERNAME_MAX),
    z.regex(/^[a-z0-9._@-]+$/, 'Use letters, digits, and . _ @ - only'),
  );

export const Password = z
  .string()
  .check(
    z.minLength(PASSWORD_MIN, `A password has at least ${PASSWORD_MIN} characters`),
    z.maxLength(PASSWORD_MAX),
  );

/** Timestamps travel as ISO 8601 strings. */
export const IsoDateTime = z.string();
export type IsoDateTime = string;
