import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

const ISSUED_AT_BYTES = 8;
const NONCE_BYTES = 12;
const MAC_BYTES = 16;
const BODY_BYTES = ISSUED_AT_BYTES + NONCE_BYTES;

/**
 * A challenge the server signs and times instead of storing: its issue time and a random nonce,
 * with a MAC over them and the party and purpose it was issued for. Checking one needs only the
 * key, so any instance sharing the secrets can check what another issued.
 */
export interface ChallengeBinding {
  /** The one party that may answer it, e.g. a device ID. */
  boundTo: string;
  purpose: string;
}

const keys = new WeakMap<Buffer, Buffer>();

/** The MAC key, derived from a shared secret so that operators have nothing new to rotate. */
export function challengeKey(secret: Buffer): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'tapin signed challenge v1', 32));
    keys.set(secret, key);
  }
  return key;
}

function macOf(key: Buffer, b: ChallengeBinding, body: Buffer): Buffer {
  return createHmac('sha256', key)
    .update(`${b.purpose}\0${b.boundTo}\0`)
    .update(body)
    .digest()
    .subarray(0, MAC_BYTES);
}

export function signChallenge(key: Buffer, b: ChallengeBinding, issuedAt: number): string {
  const body = Buffer.alloc(BODY_BYTES);
  body.writeBigUInt64BE(BigInt(Math.max(0, Math.floor(issuedAt))));
  randomBytes(NONCE_BYTES).copy(body, ISSUED_AT_BYTES);
  return Buffer.concat([body, macOf(key, b, body)]).toString('base64url');
}

/**
 * The issue time of a challenge this server signed for exactly this party and purpose, or null
 * for anything else (another device's, another purpose's, tampered, malformed). Expiry is the
 * caller's call: it knows the time to live.
 */
export function openChallenge(key: Buffer, b: ChallengeBinding, challenge: string): number | null {
  const raw = Buffer.from(challenge, 'base64url');
  if (raw.length !== BODY_BYTES + MAC_BYTES || raw.toString('base64url') !== challenge) return null;
  const body = raw.subarray(0, BODY_BYTES);
  if (!timingSafeEqual(raw.subarray(BODY_BYTES), macOf(key, b, body))) return null;
  return Number(body.readBigUInt64BE());
}
