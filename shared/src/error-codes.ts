/** The closed list of error codes the API may answer with. Clients switch on these, never on messages. */
export const ERROR_CODES = [
  'bad_request',
  'invalid_json',
  'unsupported_media_type',
  'payload_too_large',
  'forbidden_origin',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'step_up_required',
  'not_found',
  'username_taken',
  'pin_taken',
  'conflict',
  'rate_limited',
  'setup_already_done',
  'pin_login_inactive',
  'device_not_approved',
  'passkey_required',
  'passkey_not_registered',
  'offline_upload_refused',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The one error envelope every failing response uses. */
export interface ErrorBodyJSON {
  error: { code: ErrorCode; message: string; field?: string; retryAfterSeconds?: number };
}
