import * as z from 'zod/mini';

/**
 * NUL, which PostgreSQL refuses in text, and a UTF-16 surrogate without its partner, which is no
 * character at all (SQLite would store it as garbage, PostgreSQL as U+FFFD).
 */
// eslint-disable-next-line no-control-regex -- NUL is one of the characters this looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The check that every string schema carries first; exported so a test can find it in each one. */
export const STORABLE_TEXT = z.refine<string>(
  (s) => !UNSTORABLE.test(s),
  'Contains a NUL character or a broken surrogate pair',
);

type StringCheck = Parameters<z.ZodMiniString['check']>[number];

/**
 * The one string rule of the wire protocol: refuse what no database column can hold, then
 * normalise to NFC, so that "é" typed as one code point or as e + accent is the same name, and
 * only then apply `checks` (trim, lengths, patterns), which therefore see what will be stored.
 * Every string in these schemas is built with it, never with a bare `z.string()`.
 */
export function text(...checks: StringCheck[]): z.ZodMiniString {
  return z.string().check(STORABLE_TEXT, z.normalize('NFC'), ...checks);
}
