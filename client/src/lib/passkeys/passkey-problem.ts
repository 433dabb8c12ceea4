import { m } from '../../paraglide/messages.js';
import { ApiClientError } from '../api/api-error';
import { PartLoadError } from '../load-part';

/** The server's answer when the logged-in user has no passkey to confirm it is them with. */
export function hasNoPasskeyYet(err: unknown): boolean {
  return err instanceof ApiClientError && err.code === 'no_passkey_yet';
}

/**
 * What went wrong on the browser's side of a passkey ceremony, in words for the person at the
 * screen; null for failures that are not the browser's (the server's answers say it themselves).
 * The browser reports its problems as DOMExceptions, or as @simplewebauthn/browser's
 * WebAuthnError, which keeps the DOMException's name and adds a code.
 */
export function passkeyProblem(err: unknown): string | null {
  // The server's answers, and passkey code that could not be loaded, say it in their own words.
  if (err instanceof ApiClientError || err instanceof PartLoadError) return null;
  if (typeof err !== 'object' || err === null) return null;
  const { name, code } = err as { name?: unknown; code?: unknown };
  // Closed, cancelled, timed out, or no passkey chosen: browsers give all of these one name.
  if (name === 'NotAllowedError' || name === 'AbortError') return m.passkey_prompt_closed();
  // The authenticator already holds a passkey of this user for this site.
  if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED' || name === 'InvalidStateError') {
    return m.passkey_already_on_device();
  }
  // An address that passkeys may not be used on: not https, or another domain than the server's.
  if (name === 'SecurityError') {
    return m.passkey_wrong_address();
  }
  if (!(err instanceof Error)) return null;
  if (/not supported/i.test(err.message) || name === 'NotSupportedError') {
    return m.passkey_unsupported();
  }
  return m.passkey_failed();
}
