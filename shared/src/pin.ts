import * as z from 'zod/mini';
import { text } from './text.js';
import { PIN_LENGTH } from './limits.js';

/** A PIN as typed: exactly five ASCII digits, kept as a string so leading zeros survive. */
export const Pin = text(
  z.regex(new RegExp(`^[0-9]{${PIN_LENGTH}}$`), `A PIN is exactly ${PIN_LENGTH} digits`),
);
export type Pin = z.infer<typeof Pin>;
