import type { ApprovalCodeDetailsJSON } from '@tapin/shared';
import type { ApprovalCodeRequestRow } from '../db/schema.js';

/** What the approver is shown about the device that asked; never the code or its hash. */
export function approvalCodeDetailsJSON(
  r: ApprovalCodeRequestRow,
  previousName: string | null,
): ApprovalCodeDetailsJSON {
  return {
    browser: r.browser,
    operatingSystem: r.operating_system,
    ip: r.ip,
    requestedAt: new Date(r.created_at).toISOString(),
    expiresAt: new Date(r.expires_at).toISOString(),
    previousName,
  };
}
