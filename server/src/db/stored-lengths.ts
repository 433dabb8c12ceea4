import {
  AUDIT_EVENT_TYPES,
  CHALLENGE_MAX,
  DEVICE_ID_LENGTH,
  DEVICE_NAME_MAX,
  ID_MAX,
  LANGUAGES,
  LOGIN_METHODS,
  NAME_MAX,
  PASSKEY_ID_MAX,
  PASSKEY_NAME_MAX,
  ROLES,
  SessionKind,
  USERNAME_MAX,
} from '@tapin/shared';
import { DESCRIPTION_MAX } from '../approval-codes/describe-user-agent.js';
import { IP_MAX } from '../http/client-ip.js';
import type { DB, PasskeyTable, WebAuthnChallengePurpose } from './schema.js';

/** Hex SHA-256 and HMAC-SHA256: token hashes, PIN HMACs, rate-limit and idempotency keys. */
export const SHA256_HEX_LENGTH = 64;
/** argon2id's PHC string with this server's parameters (`$argon2id$v=19$m=19456,t=2,p=1$…`). */
export const PASSWORD_HASH_MAX = 128;

const longest = (values: readonly string[]) => Math.max(...values.map((v) => v.length));

type Bounded = { [T in keyof DB]: { [C in keyof DB[T]]?: number } };

/**
 * The longest value Tapin writes to each bounded (varchar) column, from the limit that bounds it:
 * the wire schemas' limits for what users type, the server's own sizes for what it makes.
 * `server/test/stored-lengths.test.ts` reads the declared sizes from SQLite's and PostgreSQL's
 * catalogs, fails for a varchar column missing here, and fails for one too small. SQLite does not
 * enforce a size, so a value that is too long would only fail, with a 500, on PostgreSQL.
 */
export const LONGEST_STORED = {
  organisations: { id: ID_MAX, name: NAME_MAX, register_language: longest(LANGUAGES) },
  users: {
    id: ID_MAX,
    organisation_id: ID_MAX,
    name: NAME_MAX,
    username: USERNAME_MAX,
    role: longest(ROLES),
    login_method: longest(LOGIN_METHODS),
    password_hash: PASSWORD_HASH_MAX,
    pin_hmac: SHA256_HEX_LENGTH,
  },
  devices: { id: DEVICE_ID_LENGTH, organisation_id: ID_MAX, name: DEVICE_NAME_MAX, approved_by: ID_MAX },
  sessions: {
    id: ID_MAX,
    token_hash: SHA256_HEX_LENGTH,
    organisation_id: ID_MAX,
    user_id: ID_MAX,
    kind: longest(SessionKind.options),
    device_id: DEVICE_ID_LENGTH,
    ip: IP_MAX,
    idempotency_key: SHA256_HEX_LENGTH,
  },
  audit_events: {
    id: ID_MAX,
    organisation_id: ID_MAX,
    type: longest(AUDIT_EVENT_TYPES),
    actor_user_id: ID_MAX,
    target_user_id: ID_MAX,
    device_id: DEVICE_ID_LENGTH,
    ip: IP_MAX,
  },
  rate_limits: { key: SHA256_HEX_LENGTH },
  passkeys: {
    id: PASSKEY_ID_MAX,
    user_id: ID_MAX,
    organisation_id: ID_MAX,
    name: PASSKEY_NAME_MAX,
    device_type: longest(['singleDevice', 'multiDevice'] satisfies PasskeyTable['device_type'][]),
  },
  webauthn_challenges: {
    id: CHALLENGE_MAX,
    purpose: longest(['registration', 'authentication'] satisfies WebAuthnChallengePurpose[]),
    user_id: ID_MAX,
  },
  offline_grants: { id: ID_MAX, device_id: DEVICE_ID_LENGTH, user_id: ID_MAX },
  approval_code_requests: {
    id: ID_MAX,
    code_hash: SHA256_HEX_LENGTH,
    device_id: DEVICE_ID_LENGTH,
    organisation_id: ID_MAX,
    browser: DESCRIPTION_MAX,
    operating_system: DESCRIPTION_MAX,
    ip: IP_MAX,
    approved_by: ID_MAX,
  },
} as const satisfies Bounded;
