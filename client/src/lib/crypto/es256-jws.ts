/**
 * ES256 compact JWS (RFC 7515) with WebCrypto alone: what the register signs (its device proofs)
 * and what it checks (the server's offline roster). The register needs only this one algorithm,
 * so it does not ship a JOSE library; the server keeps using jose, and the tests check both
 * against each other.
 *
 * A compact JWS is `base64url(header) . base64url(payload) . base64url(signature)`, signed over
 * the ASCII of the first two parts. For ES256 the signature is ECDSA P-256 with SHA-256, written
 * as r ‖ s (32 bytes each): exactly the form WebCrypto's ECDSA produces and expects, so no DER
 * conversion is needed. Checking is in es256-verify.ts, which only the offline roster check loads.
 */

const encoder = new TextEncoder();
export const ECDSA_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

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

/** Signs `payload` (a string is taken as UTF-8) with a P-256 private key; the key may be non-extractable. */
export async function signEs256(privateKey: CryptoKey, payload: string | Uint8Array): Promise<string> {
  const signingInput = `${base64urlEncode('{"alg":"ES256"}')}.${base64urlEncode(payload)}`;
  const signature = await crypto.subtle.sign(ECDSA_SHA256, privateKey, encoder.encode(signingInput));
  return `${signingInput}.${base64urlEncode(signature)}`;
}

/**
 * The RFC 7638 thumbprint of a P-256 public key: SHA-256 over its required members in
 * lexicographic order with no whitespace. It is the device ID, so it must equal the server's.
 */
export async function jwkThumbprint(jwk: Es256PublicJwk): Promise<string> {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return base64urlEncode(await crypto.subtle.digest('SHA-256', encoder.encode(canonical)));
}
