import type { FirstRunSetupRequest } from '@tapin/shared';
import { request } from './request';

// First-run setup: whether it is needed, and creating the organisation with its admin.

export const status = () => request('GET', '/api/setup', 'SetupStatusJSON');
export const setup = (body: FirstRunSetupRequest) => request('POST', '/api/setup', 'SessionJSON', body);
