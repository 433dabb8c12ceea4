import type { PasswordLoginRequest, StepUpRequest } from '@tapin/shared';
import { request } from './request';

// The session: who is logged in, logging in and out with a password, and the step-up.

export const session = (opts: { background?: boolean } = {}) =>
  request('GET', '/api/auth/session', 'SessionJSON', undefined, opts);
export const login = (body: PasswordLoginRequest) => request('POST', '/api/auth/login', 'SessionJSON', body);
export const logout = () => request('POST', '/api/auth/logout', 'OkJSON');
export const stepUp = (body: StepUpRequest) => request('POST', '/api/auth/step-up', 'SessionJSON', body);
