import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { OfflineRosterClaims } from '@tapin/shared';

/** Signs rosters the way the server does, for tests of the register's offline checks. */
export async function rosterSigner() {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = await exportJWK(publicKey);
  const publicJwk = {
    kty: 'EC' as const,
    crv: 'P-256' as const,
    x: jwk.x ?? '',
    y: jwk.y ?? '',
    kid: 'test',
  };
  return {
    publicJwk,
    sign(deviceId: string, now: number, users: OfflineRosterClaims['users'], expMs = now + 60 * 60_000) {
      return new SignJWT({ org: 'org-00000001', serverTime: now, idleLockMinutes: 15, users })
        .setProtectedHeader({ alg: 'ES256', kid: 'test' })
        .setIssuer('tapin')
        .setAudience('tapin:offline-roster')
        .setSubject(deviceId)
        .setIssuedAt(Math.floor(now / 1000))
        .setExpirationTime(Math.floor(expMs / 1000))
        .sign(privateKey);
    },
  };
}
