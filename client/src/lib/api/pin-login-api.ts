import type { PinLoginRequest } from '@tapin/shared';
import { request } from './request';

// Logging in with a PIN on an approved device.

/**
 * Not use of the session the browser holds: wrong PINs typed at a locked register must not keep
 * it alive. The right PIN resumes it, which the server records as use.
 */
export const login = (body: PinLoginRequest) =>
  request('POST', '/api/pin-login', 'SessionJSON', body, { background: true });
