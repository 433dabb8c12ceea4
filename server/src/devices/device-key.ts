import { calculateJwkThumbprint, importJWK } from 'jose';
import type { DevicePublicKeyJWK } from '@tapin/shared';

/** The device ID is the key's RFC 7638 thumbprint, so the device and the server derive the same one. */
export function deviceIdOf(jwk: DevicePublicKeyJWK): Promise<string> {
  return calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, 'sha256');
}

export function canonicalPublicKey(jwk: DevicePublicKeyJWK): string {
  return JSON.stringify({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y });
}

// Importing a JWK costs more than verifying with it; keys are immutable per device ID, so cache them.
const keyCache = new Map<string, Promise<CryptoKey | Uint8Array>>();
const KEY_CACHE_MAX = 10_000;

export function devicePublicKey(deviceId: string, publicKeyJwk: string): Promise<CryptoKey | Uint8Array> {
  const cacheKey = `${deviceId}:${publicKeyJwk}`;
  let key = keyCache.get(cacheKey);
  if (!key) {
    if (keyCache.size >= KEY_CACHE_MAX) keyCache.clear();
    key = importJWK({ ...(JSON.parse(publicKeyJwk) as object), alg: 'ES256' }, 'ES256');
    keyCache.set(cacheKey, key);
  }
  return key;
}
