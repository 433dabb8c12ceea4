import { compactVerify } from 'jose';
import { PinLoginProofPayload } from '@tapin/shared';
import type { Device } from '../db/schema.js';
import { devicePublicKey } from '../devices/device-key.js';

const decoder = new TextDecoder();

/**
 * Checks that `proof` is an ES256 JWS made with this device's private key over a payload naming
 * this device and the purpose. Returns the challenge it signed, or null for anything else.
 */
export async function verifyDeviceProof(
  device: Pick<Device, 'id' | 'public_key_jwk'>,
  proof: string,
  purpose: PinLoginProofPayload['purpose'],
): Promise<string | null> {
  try {
    const key = await devicePublicKey(device.id, device.public_key_jwk);
    const { payload } = await compactVerify(proof, key, { algorithms: ['ES256'] });
    const parsed = PinLoginProofPayload.safeParse(JSON.parse(decoder.decode(payload)));
    if (!parsed.success) return null;
    if (parsed.data.deviceId !== device.id || parsed.data.purpose !== purpose) return null;
    return parsed.data.challenge;
  } catch {
    // Malformed JWS, wrong algorithm, bad signature: all the same to the caller.
    return null;
  }
}
