import type { FinishPasskeyRegistrationRequest, PasskeyAssertionRequest } from '@tapin/shared';
import { request } from './request';

// Calls about passkeys: My account > Passkeys, logging in with a passkey, and confirming it is
// you (step-up) with one. Each ceremony is two calls: options for the browser, then its answer.

export const list = () => request('GET', '/api/passkeys', 'PasskeyListJSON');
export const registrationOptions = () =>
  request('POST', '/api/passkeys/registration/options', 'PasskeyCreationOptionsJSON');
export const finishRegistration = (body: FinishPasskeyRegistrationRequest) =>
  request('POST', '/api/passkeys/registration', 'PasskeyJSON', body);

export const remove = (id: string) => request('DELETE', `/api/passkeys/${encodeURIComponent(id)}`, 'OkJSON');
export const loginOptions = () => request('POST', '/api/auth/passkey/options', 'PasskeyRequestOptionsJSON');

export const login = (body: PasskeyAssertionRequest) =>
  request('POST', '/api/auth/passkey', 'SessionJSON', body);
export const stepUpOptions = () =>
  request('POST', '/api/auth/step-up/passkey/options', 'PasskeyRequestOptionsJSON');
export const stepUp = (body: PasskeyAssertionRequest) =>
  request('POST', '/api/auth/step-up/passkey', 'SessionJSON', body);
