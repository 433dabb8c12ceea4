import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '@tapin/shared';

/** The HTTP status of each error code: one code, one status. */
export const STATUS_OF: Record<ErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  invalid_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  forbidden_origin: 403,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  step_up_required: 403,
  not_found: 404,
  username_taken: 409,
  pin_taken: 409,
  rate_limited: 429,
  setup_already_done: 409,
  setup_token_required: 403,
  cannot_delete_self: 409,
  last_admin: 409,
  device_in_other_organisation: 409,
  passkey_limit_reached: 409,
  passkey_already_registered: 409,
  last_passkey_required: 409,
  passkey_required: 403,
  passkey_not_registered: 401,
  no_passkey_yet: 409,
  offline_upload_refused: 403,
  unavailable: 503,
  internal: 500,
};
