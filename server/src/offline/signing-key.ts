import { calculateJwkThumbprint, importJWK, type JWK } from 'jose';
import type { SigningKeyJSON } from '@tapin/shared';

export interface SigningKey {
  privateKey: CryptoKey | Uint8Array;
  publicJwk: SigningKeyJSON['jwk'];
}

const cache = new WeakMap<JWK, Promise<SigningKey>>();

/** The server's ES256 key for what registers must trust offline, and its public half with a kid. */
export function signingKey(jwk: JWK): Promise<SigningKey> {
  let key = cache.get(jwk);
  if (!key) {
    key = (async () => {
      if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y || !jwk.d) {
        throw new Error('TAPIN_SIGNING_KEY must be an EC P-256 private JWK');
      }
      const pub = { kty: 'EC' as const, crv: 'P-256' as const, x: jwk.x, y: jwk.y };
      return {
        privateKey: await importJWK({ ...jwk, alg: 'ES256' }, 'ES256'),
        publicJwk: { ...pub, kid: await calculateJwkThumbprint(pub, 'sha256') },
      };
    })();
    cache.set(jwk, key);
  }
  return key;
}
