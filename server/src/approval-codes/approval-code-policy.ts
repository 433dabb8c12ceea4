import { APPROVAL_CODE_TTL_SECONDS } from '@tapin/shared';
import type { AttemptBudget } from '../rate-limit/attempt-budget.js';

// The numbers of approving with a code. docs/devices-and-pin-login.md works out the odds they
// leave someone guessing codes; change them there too.

/** A code is valid this long after the device asked for it. */
export const APPROVAL_CODE_TTL_MS = APPROVAL_CODE_TTL_SECONDS * 1000;

/**
 * At most this many codes wait at once on the whole server. Anyone can ask for a code, so the
 * table must not grow with what strangers send; the cap also bounds a guess's odds of hitting.
 */
export const LIVE_APPROVAL_CODES_MAX = 500;

/**
 * Codes one address may ask for per hour: enough for a shop whose registers share an address and
 * are all reset in the morning, with a few new codes each.
 */
export function approvalCodeRequestBudget(ip: string | null): AttemptBudget {
  return {
    key: `approval-code-request:${ip ?? 'unknown'}`,
    windowMs: 60 * 60 * 1000,
    allowed: 20,
    refusal: 'Too many approval codes were asked for from this network. Try again later.',
  };
}

/** Codes one admin or manager may enter without success per window: room for typing errors. */
export function approverCodeBudget(userId: string): AttemptBudget {
  return {
    key: `approval-code:user:${userId}`,
    windowMs: 15 * 60 * 1000,
    allowed: 10,
    refusal: 'Too many codes that did not work. Try again later.',
    field: 'code',
  };
}

/** And all of an organisation's admins and managers together, per hour. */
export function organisationCodeBudget(organisationId: string): AttemptBudget {
  return {
    key: `approval-code:organisation:${organisationId}`,
    windowMs: 60 * 60 * 1000,
    allowed: 30,
    refusal: 'Too many codes that did not work in your organisation. Try again later.',
    field: 'code',
  };
}
