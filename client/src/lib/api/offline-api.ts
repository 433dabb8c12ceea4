import { request } from './request';

// What the register fetches to work offline, and how it reports afterwards.

export const signingKey = () => request('GET', '/api/offline/signing-key', 'SigningKeyJSON');
export const roster = () => request('GET', '/api/offline/roster', 'OfflineRosterJSON');
export const upload = (body: { deviceId: string; proof: string }) =>
  request('POST', '/api/offline/upload', 'OfflineUploadResultJSON', body);
