import type { PinLoginRequest } from '@tapin/shared';
import { request } from './request';

// Logging in with a PIN on an approved device.

export const login = (body: PinLoginRequest) => request('POST', '/api/pin-login', 'SessionJSON', body);
