import { WebAuthnError } from '@simplewebauthn/browser';
import { describe, expect, it } from 'vitest';
import { ApiClientError } from '../api/api-error';
import { PartLoadError } from '../load-part';
import { passkeyProblem } from './passkey-problem';

const PROMPT_CLOSED_MESSAGE = 'The passkey prompt was closed. Try again.';

const domError = (name: string, message = 'The operation either timed out or was not allowed.') =>
  new DOMException(message, name);

describe('passkeyProblem', () => {
  it('says the prompt was closed for a cancelled, timed-out or aborted prompt', () => {
    expect(passkeyProblem(domError('NotAllowedError'))).toBe(PROMPT_CLOSED_MESSAGE);
    expect(passkeyProblem(domError('AbortError'))).toBe('The passkey prompt was closed. Try again.');
    // @simplewebauthn/browser wraps it, keeping the browser's name.
    const wrapped = new WebAuthnError({
      message: 'cancelled',
      code: 'ERROR_PASSTHROUGH_SEE_CAUSE_PROPERTY',
      cause: domError('NotAllowedError'),
    });
    expect(passkeyProblem(wrapped)).toBe(PROMPT_CLOSED_MESSAGE);
  });

  it('tells an authenticator that already holds one of the user’s passkeys', () => {
    const wrapped = new WebAuthnError({
      message: 'The authenticator was previously registered',
      code: 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED',
      cause: domError('InvalidStateError'),
    });
    expect(passkeyProblem(wrapped)).toMatch(/already has one of your passkeys/);
  });

  it('explains a browser without passkeys and an address passkeys do not work on', () => {
    expect(passkeyProblem(new Error('WebAuthn is not supported in this browser'))).toMatch(
      /This browser can't use passkeys/,
    );
    expect(passkeyProblem(domError('SecurityError', 'This is an invalid domain.'))).toMatch(
      /cannot be used at this address/,
    );
    expect(passkeyProblem(new Error('anything else'))).toBe(
      "The browser couldn't use the passkey. Try again.",
    );
  });

  it('leaves the server’s answers to their own messages', () => {
    const notHere = new ApiClientError('passkey_not_registered', "This passkey isn't registered here", 401);
    expect(passkeyProblem(notHere)).toBeNull();
    expect(passkeyProblem(new ApiClientError('network', 'Offline', 0))).toBeNull();
    expect(passkeyProblem('a string')).toBeNull();
    expect(passkeyProblem(new PartLoadError(new TypeError('Failed to fetch')))).toBeNull();
  });
});
