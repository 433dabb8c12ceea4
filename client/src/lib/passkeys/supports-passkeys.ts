/**
 * Whether this browser can create and use passkeys at all; without it the buttons stay hidden.
 * The same test as @simplewebauthn/browser's `browserSupportsWebAuthn`, without loading that
 * library: screens ask this as they open, and fetch the passkey code only when it is used.
 */
export function supportsPasskeys(): boolean {
  return typeof globalThis.PublicKeyCredential === 'function';
}
