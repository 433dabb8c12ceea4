import { isAdminRole, type SessionJSON } from '@tapin/shared';
import { localDb, type LocalDb } from '../lib/storage/local-db';
import type { DeviceApproval } from './device-state.svelte';

/** Set by "Don't ask again" on the approval screen; cleared when the device is approved. */
const MUTED_KEY = 'approvalPromptMuted';

export async function isApprovalPromptMuted(db: LocalDb = localDb): Promise<boolean> {
  return (await db.prefs.get(MUTED_KEY))?.value === true;
}

export async function muteApprovalPrompt(db: LocalDb = localDb): Promise<void> {
  await db.prefs.put({ key: MUTED_KEY, value: true });
}

export async function unmuteApprovalPrompt(db: LocalDb = localDb): Promise<void> {
  await db.prefs.delete(MUTED_KEY);
}

/**
 * Whether a password login should go straight to the screen that approves this device: only for
 * admins and managers who may approve, only on a device that is not approved, only while the
 * organisation uses Log in with PIN code, and not after "Don't ask again".
 */
export function shouldOfferApproval(facts: {
  session: SessionJSON;
  approval: DeviceApproval;
  pinLoginActive: boolean;
  muted: boolean;
}): boolean {
  const { session } = facts;
  return (
    session.kind === 'web' &&
    session.adminAccess &&
    isAdminRole(session.user.role) &&
    facts.approval !== 'approved' &&
    facts.pinLoginActive &&
    !facts.muted
  );
}
