// What an approval code looks like, apart from its schemas (approval-codes.ts), so that screens
// can show and tidy one without loading zod.

/**
 * The characters a code is made of: digits and capital letters without the look-alikes 0/O and
 * 1/I, so a code read aloud or copied from a screen is typed right. 32 characters: 5 bits each.
 */
export const APPROVAL_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** Characters in a code: 8 × 5 = 40 bits, about 1.1 × 10¹² codes. */
export const APPROVAL_CODE_LENGTH = 8;
/** How long a device's code stays valid. */
export const APPROVAL_CODE_TTL_SECONDS = 10 * 60;

/** What someone typed, as the code it means: capitals, without spaces and dashes. */
export function normaliseApprovalCode(typed: string): string {
  return typed.replace(/[\s-]+/g, '').toUpperCase();
}

/** True when `code` (normalised) could be a code: the right length, only the right characters. */
export function isApprovalCodeShape(code: string): boolean {
  return code.length === APPROVAL_CODE_LENGTH && [...code].every((ch) => APPROVAL_CODE_ALPHABET.includes(ch));
}

/** A code as it is shown: two groups of four, easy to read aloud ("7KQM-T4XR"). */
export function formatApprovalCode(code: string): string {
  const half = APPROVAL_CODE_LENGTH / 2;
  return `${code.slice(0, half)}-${code.slice(half)}`;
}
