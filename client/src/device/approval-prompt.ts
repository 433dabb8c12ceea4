import type { SessionJSON } from '@tapin/shared';
import { localDb, type LocalDb } from '../lib/storage/local-db';
import { deletePreferences, readPreference, writePreference } from '../lib/storage/preferences';
import type { DeviceApproval } from './device-approval';

// "Don't ask again" on the approval screen; cleared when the device is approved.

export async function isApprovalPromptMuted(db: LocalDb = localDb): Promise<boolean> {
  return (await readPreference('approvalPromptMuted', db)) === true;
}

export async function muteApprovalPrompt(db: LocalDb = localDb): Promise<void> {
  await writePreference('approvalPromptMuted', true, db);
}

export async function unmuteApprovalPrompt(db: LocalDb = localDb): Promise<void> {
  await deletePreferences(['approvalPromptMuted'], db);
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
    // Admin access already means an admin or manager the server lets approve devices.
    session.adminAccess &&
    facts.approval !== 'approved' &&
    facts.pinLoginActive &&
    !facts.muted
  );
}
