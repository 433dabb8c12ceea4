import { compactVerify } from 'jose';
import type * as z from 'zod/mini';
import type { Device } from '../db/schema.js';
import { devicePublicKey } from './device-key.js';

const decoder = new TextDecoder();

/**
 * Checks that `proof` is an ES256 JWS made with this device's private key, over a payload that
 * fits `schema` (which fixes the purpose) and names this device. Returns the payload, or null for
 * anything else: malformed JWS, wrong algorithm, bad signature, wrong device, wrong shape.
 */
export async function verifyDeviceProof<S extends z.ZodMiniType<{ deviceId: string; challenge: string }>>(
  device: Pick<Device, 'id' | 'public_key_jwk'>,
  proof: string,
  schema: S,
): Promise<z.output<S> | null> {
  try {
    const key = await devicePublicKey(device.id, device.public_key_jwk);
    const { payload } = await compactVerify(proof, key, { algorithms: ['ES256'] });
    const parsed = schema.safeParse(JSON.parse(decoder.decode(payload)));
    if (!parsed.success || parsed.data.deviceId !== device.id) return null;
    return parsed.data;
  } catch {
    return null;
  }
}
