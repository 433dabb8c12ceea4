import { createPublicKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import type { DevicePublicKeyJWK } from '@tapin/shared';

/** The device ID is the key's RFC 7638 thumbprint, so the device and the server derive the same one. */
export function deviceIdOf(jwk: DevicePublicKeyJWK): Promise<string> {
  return calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, 'sha256');
}

export function canonicalPublicKey(jwk: DevicePublicKeyJWK): string {
  return JSON.stringify({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y });
}

// Importing a key costs more than verifying with it, so each device's is kept. The entry is
// checked against the key read from the database on every use, so a re-approval with another
// key, on this instance or any other, is never answered from a stale entry.
const keyCache = new Map<string, { jwk: string; key: KeyObject }>();
const KEY_CACHE_MAX = 10_000;

export function devicePublicKey(deviceId: string, publicKeyJwk: string): KeyObject {
  const cached = keyCache.get(deviceId);
  if (cached?.jwk === publicKeyJwk) return cached.key;
  const key = createPublicKey({ key: JSON.parse(publicKeyJwk) as DevicePublicKeyJWK, format: 'jwk' });
  if (keyCache.size >= KEY_CACHE_MAX) keyCache.delete(keyCache.keys().next().value as string);
  keyCache.set(deviceId, { jwk: publicKeyJwk, key });
  return key;
}

/** A revoked or deleted device's key has no more use here. */
export function forgetDevicePublicKey(deviceId: string): void {
  keyCache.delete(deviceId);
}
