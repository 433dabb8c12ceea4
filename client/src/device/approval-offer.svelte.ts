import type { SessionJSON } from '@tapin/shared';
import { isApprovalPromptMuted, muteApprovalPrompt, shouldOfferApproval } from './approval-prompt';
import { thisDevice } from './device-state.svelte';
import * as organisationApi from '../lib/api/organisation-api';

/**
 * "You are not logged in yet": right after an admin or manager logs in with a password or a
 * passkey on a device that is not approved, the approval screen comes first. It is offered once
 * per login.
 */
class ApprovalOffer {
  pending = $state(false);

  /** Decides, before the new session is shown, whether the approval screen comes first. */
  async consider(session: SessionJSON): Promise<void> {
    this.pending = false;
    try {
      await thisDevice.refresh();
      const facts = {
        session,
        approval: thisDevice.approval,
        // The device's own state only says this for approved devices, so ask the organisation.
        pinLoginActive: true,
        muted: await isApprovalPromptMuted(),
      };
      if (!shouldOfferApproval(facts)) return;
      facts.pinLoginActive = (await organisationApi.pinLoginSettings()).active;
      this.pending = shouldOfferApproval(facts);
    } catch {
      // Not knowing is no reason to hold up the login: approval stays possible in Settings.
    }
  }

  /** "Not now"; with "Don't ask again" the screen no longer appears on this device. */
  async decline(dontAskAgain: boolean): Promise<void> {
    try {
      if (dontAskAgain) await muteApprovalPrompt();
    } finally {
      this.pending = false;
    }
  }

  done(): void {
    this.pending = false;
  }
}

export const approvalOffer = new ApprovalOffer();
