import type { ApprovalCodeRequest, ApproveWithCodeRequest } from '@tapin/shared';
import { request } from './request';

// Approving a device from afar: the device asks for a code, an admin or manager enters it.

/** Asked by a device that is not approved, with its public key and proof that it holds the private one. */
export const askForCode = (body: ApprovalCodeRequest) =>
  request('POST', '/api/approval-codes', 'ApprovalCodeJSON', body);
export const lookUp = (code: string) =>
  request('POST', '/api/approval-codes/look-up', 'ApprovalCodeDetailsJSON', { code });
export const approve = (body: ApproveWithCodeRequest) =>
  request('POST', '/api/approval-codes/approve', 'DeviceReplyJSON', body);
