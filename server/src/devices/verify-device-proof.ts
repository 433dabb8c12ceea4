import { verify } from 'node:crypto';
import type * as z from 'zod/mini';
import type { Device } from '../db/schema.js';
import { devicePublicKey } from './device-key.js';

const ES256_SIGNATURE_BYTES = 64;

/**
 * Checks that `proof` is an ES256 JWS made with this device's private key, over a payload that
 * fits `schema` (which fixes the purpose) and names this device. Returns the payload, or null for
 * anything else: malformed JWS, another algorithm or any extra header, bad signature, wrong
 * device, wrong shape.
 *
 * Verified with node:crypto rather than jose: jose goes through WebCrypto, which sends every
 * verify to the thread pool and back and costs about three times the CPU on the login path.
 */
export function verifyDeviceProof<S extends z.ZodMiniType<{ deviceId: string; challenge: string }>>(
  device: Pick<Device, 'id' | 'public_key_jwk'>,
  proof: string,
  schema: S,
): z.output<S> | null {
  try {
    const parts = proof.split('.');
    if (parts.length !== 3) return null;
    const [header, payload, signature] = parts as [string, string, string];
    if (!isEs256Header(header)) return null;
    const sig = Buffer.from(signature, 'base64url');
    if (sig.length !== ES256_SIGNATURE_BYTES || sig.toString('base64url') !== signature) return null;
    const key = devicePublicKey(device.id, device.public_key_jwk);
    const signed = Buffer.from(`${header}.${payload}`);
    if (!verify('sha256', signed, { key, dsaEncoding: 'ieee-p1363' }, sig)) return null;
    const parsed = schema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    if (!parsed.success || parsed.data.deviceId !== device.id) return null;
    return parsed.data;
  } catch {
    return null;
  }
}

/** Exactly `{"alg":"ES256"}` (and an optional `typ`): no `crit`, `b64` or key hints to honour. */
function isEs256Header(encoded: string): boolean {
  const header: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return false;
  const { alg, typ, ...rest } = header as Record<string, unknown>;
  return alg === 'ES256' && (typ === undefined || typ === 'JWT') && Object.keys(rest).length === 0;
}
