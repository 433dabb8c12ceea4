import { OkJSON, SessionJSON, type PasswordLoginRequest, type StepUpRequest } from '@tapin/shared';
import { request } from './request';

/** The session: who is logged in, logging in and out with a password, and the step-up. */
export const authApi = {
  session: () => request('GET', '/api/auth/session', SessionJSON),
  login: (body: PasswordLoginRequest) => request('POST', '/api/auth/login', SessionJSON, body),
  logout: () => request('POST', '/api/auth/logout', OkJSON),
  stepUp: (body: StepUpRequest) => request('POST', '/api/auth/step-up', SessionJSON, body),
};
