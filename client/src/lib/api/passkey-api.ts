import {
  OkJSON,
  PasskeyCreationOptionsJSON,
  PasskeyJSON,
  PasskeyListJSON,
  PasskeyRequestOptionsJSON,
  SessionJSON,
  type FinishPasskeyRegistrationRequest,
  type PasskeyAssertionRequest,
} from '@tapin/shared';
import { request } from './request';

/**
 * Calls about passkeys: My account > Passkeys, logging in with a passkey, and confirming it is
 * you (step-up) with one. Each ceremony is two calls: options for the browser, then its answer.
 */
export const passkeyApi = {
  list: () => request('GET', '/api/passkeys', PasskeyListJSON),
  registrationOptions: () =>
    request('POST', '/api/passkeys/registration/options', PasskeyCreationOptionsJSON),
  finishRegistration: (body: FinishPasskeyRegistrationRequest) =>
    request('POST', '/api/passkeys/registration', PasskeyJSON, body),
  remove: (id: string) => request('DELETE', `/api/passkeys/${encodeURIComponent(id)}`, OkJSON),

  loginOptions: () => request('POST', '/api/auth/passkey/options', PasskeyRequestOptionsJSON),
  login: (body: PasskeyAssertionRequest) => request('POST', '/api/auth/passkey', SessionJSON, body),

  stepUpOptions: () => request('POST', '/api/auth/step-up/passkey/options', PasskeyRequestOptionsJSON),
  stepUp: (body: PasskeyAssertionRequest) => request('POST', '/api/auth/step-up/passkey', SessionJSON, body),
};
