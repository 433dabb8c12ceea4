import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AuditEventType, LanguageTag, LoginMethod, Role, SessionKind } from '@tapin/shared';

/**
 * Times are milliseconds since the epoch (bigint), and flags are 0/1 integers, so one schema
 * and one set of queries serve SQLite and PostgreSQL alike.
 */
export interface OrganisationTable {
  id: string;
  name: string;
  pin_login_active: number;
  offline_grace_minutes: number;
  idle_lock_minutes: number;
  require_passkey: number;
  /** Null: each register follows its browser's language. */
  register_language: Generated<LanguageTag | null>;
  created_at: number;
  /** Counts the writes to this row; see db/row-version.ts. */
  version: Generated<number>;
}

export interface UserTable {
  id: string;
  organisation_id: string;
  name: string;
  username: string;
  role: Role;
  login_method: LoginMethod;
  password_hash: string | null;
  /** HMAC-SHA256(pepper, organisation id ‖ PIN), hex; unique per organisation. */
  pin_hmac: string | null;
  created_at: number;
  updated_at: number;
  /** Counts the writes to this row; see db/row-version.ts. */
  version: Generated<number>;
}

export interface SessionTable {
  id: string;
  /** SHA-256 of the cookie token, hex. The token itself is never stored. */
  token_hash: string | null;
  organisation_id: string;
  user_id: string;
  kind: SessionKind;
  device_id: string | null;
  ip: string | null;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
  stepped_up_at: number | null;
  ended_at: number | null;
  offline: Generated<number>;
  /**
   * Set on sessions uploaded from a device's offline queue, so a re-upload is a no-op: the
   * SHA-256 (hex) of `<deviceId>:<the key the device gave>`.
   */
  idempotency_key: string | null;
}

export interface DeviceTable {
  /** RFC 7638 thumbprint of the public key. */
  id: string;
  organisation_id: string;
  name: string;
  public_key_jwk: string;
  revoked_at: number | null;
  locked_at: number | null;
  failed_attempts: Generated<number>;
  last_failed_at: number | null;
  approved_by: string | null;
  approved_at: number;
  last_login_at: number | null;
  /** Issue time of the last PIN-login challenge this device spent; the next must be newer. */
  pin_challenge_at: Generated<number>;
  /** The same for offline-upload challenges. */
  upload_challenge_at: Generated<number>;
  /**
   * Counts the writes to this row, except the device's own login bookkeeping (challenges spent,
   * the failure count, the last login); see db/row-version.ts.
   */
  version: Generated<number>;
}

export interface AuditEventTable {
  /** Time-ordered: sorting by id sorts by time. */
  id: string;
  organisation_id: string;
  type: AuditEventType;
  actor_user_id: string | null;
  target_user_id: string | null;
  device_id: string | null;
  ip: string | null;
  detail: string;
  created_at: number;
}

export interface RateLimitTable {
  key: string;
  window_start: number;
  count: number;
}

export interface PasskeyTable {
  /** The credential ID, base64url. */
  id: string;
  user_id: string;
  organisation_id: string;
  name: string;
  /** COSE public key, base64url. */
  public_key: string;
  counter: number;
  /** JSON array of transport hints. */
  transports: string;
  device_type: 'singleDevice' | 'multiDevice';
  backed_up: number;
  created_at: number;
  last_used_at: number | null;
  /** Issue time (µs) of the last login or step-up challenge this passkey answered; the next must be newer. */
  challenge_at: Generated<number>;
}

export type WebAuthnChallengePurpose = 'registration' | 'authentication';

export interface WebAuthnChallengeTable {
  /** The challenge itself, base64url. */
  id: string;
  purpose: WebAuthnChallengePurpose;
  /** Only this user may answer it; null for a passkey login, where nobody is known yet. */
  user_id: string | null;
  expires_at: number;
}

/**
 * A user may log in offline on a device from `valid_from` to `valid_until`: the union of the
 * windows of the signed rosters issued to that device that named the user. Overlapping windows
 * share one row.
 */
export interface OfflineGrantTable {
  id: string;
  device_id: string;
  user_id: string;
  valid_from: number;
  valid_until: number;
}

/**
 * A device waiting to be approved with a one-time code. Only the code's HMAC is kept. The
 * organisation is the one the device already belongs to, or the first whose admin or manager
 * entered the code; `approved_at` spends it.
 */
export interface ApprovalCodeRequestTable {
  id: string;
  /** HMAC-SHA256 of the code under a key derived from the pepper, hex; unique. */
  code_hash: string;
  /** RFC 7638 thumbprint of `public_key_jwk`. */
  device_id: string;
  public_key_jwk: string;
  organisation_id: string | null;
  /** What the device's browser said it was, for the approver: "Chrome 156", "Linux". */
  browser: string;
  operating_system: string;
  ip: string | null;
  created_at: number;
  expires_at: number;
  approved_at: number | null;
  approved_by: string | null;
}

export interface DB {
  organisations: OrganisationTable;
  users: UserTable;
  sessions: SessionTable;
  devices: DeviceTable;
  audit_events: AuditEventTable;
  rate_limits: RateLimitTable;
  passkeys: PasskeyTable;
  webauthn_challenges: WebAuthnChallengeTable;
  offline_grants: OfflineGrantTable;
  approval_code_requests: ApprovalCodeRequestTable;
}

export type Organisation = Selectable<OrganisationTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Session = Selectable<SessionTable>;
export type Device = Selectable<DeviceTable>;
export type Passkey = Selectable<PasskeyTable>;
export type DeviceUpdate = Updateable<DeviceTable>;
export type ApprovalCodeRequestRow = Selectable<ApprovalCodeRequestTable>;
