/**
 * ES256 compact JWS (RFC 7515) with WebCrypto alone: what the register signs (its device proofs)
 * and what it checks (the server's offline roster). The register needs only this one algorithm,
 * so it does not ship a JOSE library; the server keeps using jose, and the tests check both
 * against each other.
 *
 * A compact JWS is `base64url(header) . base64url(payload) . base64url(signature)`, signed over
 * the ASCII of the first two parts. For ES256 the signature is ECDSA P-256 with SHA-256, written
 * as r ‖ s (32 bytes each): exactly the form WebCrypto's ECDSA produces and expects, so no DER
 * conversion is needed.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ECDSA_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const;
const SIGNATURE_BYTES = 64;

/** The public half of a P-256 key as a JWK; other members (such as `kid`) are ignored. */
export interface Es256PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

/** base64url without padding (RFC 7515 §2), of bytes or of a string's UTF-8. */
export function base64urlEncode(data: Uint8Array | ArrayBuffer | string): string {
  const bytes = typeof data === 'string' ? encoder.encode(data) : new Uint8Array(data);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Strict base64url: anything but the URL-safe alphabet without padding throws. */
export function base64urlDecode(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) throw new Error('Not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Signs `payload` (a string is taken as UTF-8) with a P-256 private key; the key may be non-extractable. */
export async function signEs256(privateKey: CryptoKey, payload: string | Uint8Array): Promise<string> {
  const signingInput = `${base64urlEncode('{"alg":"ES256"}')}.${base64urlEncode(payload)}`;
  const signature = await crypto.subtle.sign(ECDSA_SHA256, privateKey, encoder.encode(signingInput));
  return `${signingInput}.${base64urlEncode(signature)}`;
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

/**
 * The RFC 7638 thumbprint of a P-256 public key: SHA-256 over its required members in
 * lexicographic order with no whitespace. It is the device ID, so it must equal the server's.
 */
export async function jwkThumbprint(jwk: Es256PublicJwk): Promise<string> {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return base64urlEncode(await crypto.subtle.digest('SHA-256', encoder.encode(canonical)));
}
