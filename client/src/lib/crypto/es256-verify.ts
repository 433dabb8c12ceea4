import { ECDSA_SHA256, type Es256PublicJwk } from './es256-jws';

// Checking an ES256 JWS (the server's offline roster) is apart from signing, so the register's
// start, which only signs, leaves it out; see es256-jws.ts for the format.

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNATURE_BYTES = 64;

/** Strict base64url: anything but the URL-safe alphabet without padding throws. */
export function base64urlDecode(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) throw new Error('Not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * The payload of `token` if it is an ES256 compact JWS that verifies with `jwk`, else null. As
 * jose does with `algorithms: ['ES256']`: the header must say ES256, must not ask for
 * extensions this code does not know (`crit`) or an unencoded payload (`b64`), and the
 * signature must be exactly 64 bytes.
 */
export async function verifyEs256(token: string, jwk: Es256PublicJwk): Promise<Uint8Array | null> {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts as [string, string, string];
  try {
    const protectedHeader: unknown = JSON.parse(decoder.decode(base64urlDecode(header)));
    if (typeof protectedHeader !== 'object' || protectedHeader === null) return null;
    const { alg, crit, b64 } = protectedHeader as Record<string, unknown>;
    if (alg !== 'ES256' || crit !== undefined || b64 !== undefined) return null;
    const sig = base64urlDecode(signature);
    if (sig.length !== SIGNATURE_BYTES) return null;
    const key = await crypto.subtle.importKey(
      'jwk',
      { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, ext: true },
      ECDSA_P256,
      false,
      ['verify'],
    );
    const valid = await crypto.subtle.verify(
      ECDSA_SHA256,
      key,
      sig as BufferSource,
      encoder.encode(`${header}.${payload}`),
    );
    return valid ? base64urlDecode(payload) : null;
  } catch {
    // Bad base64url, a header that is not JSON, or a JWK that is not a point on the curve.
    return null;
  }
}
