import { request } from './request';

// My account > Audit log, a page at a time, newest first.

export const page = (before?: string) =>
  request('GET', `/api/audit${before ? `?before=${encodeURIComponent(before)}` : ''}`, 'AuditPageJSON');
