import { createHmac, hkdfSync, randomInt } from 'node:crypto';
import { APPROVAL_CODE_ALPHABET, APPROVAL_CODE_LENGTH } from '@tapin/shared';
import type { Secrets } from '../secrets/load-secrets.js';

const keys = new WeakMap<Buffer, Buffer>();

/**
 * The key of the codes' stored hashes, derived from the pepper so that operators have nothing new
 * to keep: a copy of the database alone does not let anyone test codes against it.
 */
export function approvalCodeKey(secrets: Pick<Secrets, 'pinPepper'>): Buffer {
  let key = keys.get(secrets.pinPepper);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secrets.pinPepper, Buffer.alloc(0), 'tapin approval code v1', 32));
    keys.set(secrets.pinPepper, key);
  }
  return key;
}

/** A fresh code: APPROVAL_CODE_LENGTH characters drawn uniformly from the alphabet. */
export function newApprovalCode(): string {
  let code = '';
  for (let i = 0; i < APPROVAL_CODE_LENGTH; i++)
    code += APPROVAL_CODE_ALPHABET[randomInt(APPROVAL_CODE_ALPHABET.length)];
  return code;
}

/** What is stored of a (normalised) code: its HMAC-SHA256 in hex. */
export function hashApprovalCode(key: Buffer, code: string): string {
  return createHmac('sha256', key).update(code).digest('hex');
}
