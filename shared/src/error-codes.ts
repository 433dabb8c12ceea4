import * as z from 'zod/mini';
import { NextChallenge } from './device-challenge.js';
import { text } from './text.js';

/**
 * The closed list of error codes the API may answer with, each naming one cause. Clients switch on
 * these, never on messages or statuses.
 */
export const ERROR_CODES = [
  'bad_request',
  'invalid_json',
  'unsupported_media_type',
  'payload_too_large',
  'forbidden_origin',
  'unauthenticated',
  'invalid_credentials',
  /** The device signed a challenge that expired or was already spent: sign the one sent along. */
  'challenge_expired',
  'forbidden',
  'step_up_required',
  'not_found',
  'username_taken',
  'pin_taken',
  'rate_limited',
  'setup_already_done',
  /** First-run setup from elsewhere than localhost without the setup token printed at start. */
  'setup_token_required',
  /** Deleting your own account. */
  'cannot_delete_self',
  /** The change would leave the organisation without an admin. */
  'last_admin',
  /** An approval whose device did not prove that it holds the private key it registers. */
  'device_proof_invalid',
  /** A device approved for one organisation cannot be approved for another. */
  'device_in_other_organisation',
  /** A user already has PASSKEYS_PER_USER_MAX passkeys. */
  'passkey_limit_reached',
  /** This authenticator's credential is registered already. */
  'passkey_already_registered',
  /** Removing the last passkey while the organisation requires one. */
  'last_passkey_required',
  /** The organisation requires a passkey and this user has one: the password is not enough. */
  'passkey_required',
  /** The browser offered a passkey this server does not know (removed, or another site's). */
  'passkey_not_registered',
  /** A passkey step-up for a user who has no passkey yet: confirm with the password instead. */
  'no_passkey_yet',
  'offline_upload_refused',
  /** An approval code that is not waiting for approval: never issued, used, or of another organisation. */
  'approval_code_invalid',
  /** An approval code that was issued but is past its 10 minutes: the device shows a new one. */
  'approval_code_expired',
  /** Something that needs Log in with PIN code active, while it is not. */
  'pin_login_inactive',
  /** The user, device or settings changed since the form was loaded: reload, then change again. */
  'edited_elsewhere',
  /** The database cannot be reached right now; try again after Retry-After. */
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The one error envelope every failing response uses. */
export const ErrorBodyJSON = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: text(),
    field: z.optional(text()),
    retryAfterSeconds: z.optional(z.number()),
    /**
     * A PIN-login refusal that was counted against the device (or found it locked): the wrong
     * PINs left before it locks, 0 once it is locked. Only the holder of the device key gets one.
     */
    attemptsLeft: z.optional(z.int()),
    /** A PIN-login refusal hands the register its next challenge. */
    ...NextChallenge,
  }),
});
export type ErrorBodyJSON = z.infer<typeof ErrorBodyJSON>;

/** What an action that has nothing else to say answers. */
export const OkJSON = z.object({ ok: z.literal(true) });
export type OkJSON = z.infer<typeof OkJSON>;
