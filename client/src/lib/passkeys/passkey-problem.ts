import { ApiClientError } from '../api/api-error';
import { PartLoadError } from '../load-part';

/** The server's answer when the logged-in user has no passkey to confirm it is them with. */
export function hasNoPasskeyYet(err: unknown): boolean {
  return err instanceof ApiClientError && err.code === 'no_passkey_yet';
}

export const PROMPT_CLOSED_MESSAGE = 'The passkey prompt was closed. Try again.';

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
  if (name === 'NotAllowedError' || name === 'AbortError') return PROMPT_CLOSED_MESSAGE;
  // The authenticator already holds a passkey of this user for this site.
  if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED' || name === 'InvalidStateError') {
    return 'This device already has one of your passkeys for Tapin. Use that one, or add a passkey on another device.';
  }
  // An address that passkeys may not be used on: not https, or another domain than the server's.
  if (name === 'SecurityError') {
    return 'Passkeys cannot be used at this address. Open Tapin at its usual https:// address.';
  }
  if (!(err instanceof Error)) return null;
  if (/not supported/i.test(err.message) || name === 'NotSupportedError') {
    return "This browser can't use passkeys. Use your password, or another browser.";
  }
  return "The browser couldn't use the passkey. Try again.";
}
