import { PASSKEYS_PER_USER_MAX, type ErrorCode } from '@tapin/shared';
import { m } from '../../paraglide/messages.js';
import { provideServerErrorText } from './api-error';

/** Each code's words; where the cause depends on the field, the field picks the words. */
const TEXT: Record<ErrorCode, (field: string | undefined) => string> = {
  bad_request: (field) =>
    field === 'pin'
      ? m.error_bad_request_pin()
      : field === 'password'
        ? m.error_bad_request_password()
        : m.error_bad_request(),
  invalid_json: () => m.error_invalid_json(),
  unsupported_media_type: () => m.error_unsupported_media_type(),
  payload_too_large: () => m.error_payload_too_large(),
  forbidden_origin: () => m.error_forbidden_origin(),
  unauthenticated: () => m.error_unauthenticated(),
  invalid_credentials: () => m.error_invalid_credentials(),
  challenge_expired: () => m.error_challenge_expired(),
  forbidden: () => m.error_forbidden(),
  step_up_required: () => m.error_step_up_required(),
  not_found: () => m.error_not_found(),
  username_taken: () => m.error_username_taken(),
  pin_taken: () => m.error_pin_taken(),
  rate_limited: () => m.error_rate_limited(),
  setup_already_done: () => m.error_setup_already_done(),
  setup_token_required: () => m.error_setup_token_required(),
  cannot_delete_self: () => m.error_cannot_delete_self(),
  last_admin: (field) => (field === 'loginMethod' ? m.error_last_admin_login_method() : m.error_last_admin()),
  device_proof_invalid: () => m.error_device_proof_invalid(),
  device_in_other_organisation: () => m.error_device_in_other_organisation(),
  passkey_limit_reached: () => m.error_passkey_limit_reached({ max: PASSKEYS_PER_USER_MAX }),
  passkey_already_registered: () => m.error_passkey_already_registered(),
  last_passkey_required: () => m.error_last_passkey_required(),
  passkey_required: () => m.error_passkey_required(),
  passkey_not_registered: () => m.error_passkey_not_registered(),
  no_passkey_yet: () => m.error_no_passkey_yet(),
  offline_upload_refused: () => m.error_offline_upload_refused(),
  approval_code_invalid: () => m.error_approval_code_invalid(),
  approval_code_expired: () => m.error_approval_code_expired(),
  pin_login_inactive: () => m.error_pin_login_inactive(),
  edited_elsewhere: () => m.error_edited_elsewhere(),
  unavailable: () => m.error_unavailable(),
  internal: () => m.error_internal(),
};

provideServerErrorText((code, field) => TEXT[code](field));
