import {
  DEVICE_NAME_MAX,
  LOGIN_INPUT_MAX,
  NAME_MAX,
  PASSKEY_ID_MAX,
  PASSKEY_NAME_MAX,
  PASSWORD_MAX,
  USERNAME_MAX,
} from '@tapin/shared';
import { DEFAULT_SETUP } from './test-client.js';
import { newUserBody } from './users.js';

/**
 * Every mutating API route, with a body that passes validation (`valid`), one with a value of the
 * wrong type (`wrongType`, naming the field the server should point at), and route parameters
 * given as `:user` (a real user of the organisation) and `:device` (a real approved device).
 * Whatever a request here does wrong, the answer is a specific 4xx and the database is unchanged.
 */
export interface Row {
  method: 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  /** The route as the app registers it. */
  route: string;
  /** The path requested. */
  path: string;
  valid: Record<string, unknown>;
  wrongType: unknown;
  wrongField?: string;
  /** `valid` with every string as long as its schema allows, where a body has strings. */
  longest?: Record<string, unknown>;
}

/**
 * `n` characters that PostgreSQL counts one by one and that take two bytes each in UTF-8: the
 * longest a varchar(n) must hold.
 */
export const wide = (n: number) => 'Ö'.repeat(n);
const credential = 'A'.repeat(PASSKEY_ID_MAX);

export const DEVICE_ID = 'A'.repeat(43);
/** A code of the right shape that no device was given. */
export const APPROVAL_CODE = '2345-6789';
const PUBLIC_KEY = { kty: 'EC', crv: 'P-256', x: 'B'.repeat(43), y: 'C'.repeat(43) };

const AUTH_RESPONSE = {
  id: 'cred1',
  rawId: 'cred1',
  type: 'public-key',
  response: { clientDataJSON: 'e30', authenticatorData: 'AAAA', signature: 'AAAA' },
  clientExtensionResults: {},
};
const REGISTRATION_RESPONSE = {
  id: 'cred1',
  rawId: 'cred1',
  type: 'public-key',
  response: { clientDataJSON: 'e30', attestationObject: 'AAAA' },
  clientExtensionResults: {},
};

export const ROWS: Row[] = [
  {
    method: 'POST',
    route: '/api/setup',
    path: '/api/setup',
    valid: { ...DEFAULT_SETUP },
    wrongType: { ...DEFAULT_SETUP, password: 12345678 },
    wrongField: 'password',
    longest: {
      organisationName: wide(NAME_MAX),
      name: wide(NAME_MAX),
      username: 'a'.repeat(USERNAME_MAX),
      password: wide(PASSWORD_MAX),
    },
  },
  {
    method: 'POST',
    route: '/api/auth/login',
    path: '/api/auth/login',
    valid: { username: 'ada', password: DEFAULT_SETUP.password },
    wrongType: { username: 'ada', password: 42 },
    wrongField: 'password',
    longest: { username: wide(LOGIN_INPUT_MAX), password: wide(LOGIN_INPUT_MAX) },
  },
  { method: 'POST', route: '/api/auth/logout', path: '/api/auth/logout', valid: {}, wrongType: [] },
  {
    method: 'POST',
    route: '/api/auth/step-up',
    path: '/api/auth/step-up',
    valid: { password: DEFAULT_SETUP.password },
    wrongType: { password: ['x'] },
    wrongField: 'password',
    longest: { password: wide(LOGIN_INPUT_MAX) },
  },
  {
    method: 'POST',
    route: '/api/auth/passkey/options',
    path: '/api/auth/passkey/options',
    valid: {},
    wrongType: [],
  },
  {
    method: 'POST',
    route: '/api/auth/passkey',
    path: '/api/auth/passkey',
    valid: { response: AUTH_RESPONSE },
    wrongType: { response: 'signed' },
    wrongField: 'response',
    longest: { response: { ...AUTH_RESPONSE, id: credential, rawId: credential } },
  },
  {
    method: 'POST',
    route: '/api/auth/step-up/passkey/options',
    path: '/api/auth/step-up/passkey/options',
    valid: {},
    wrongType: true,
  },
  {
    method: 'POST',
    route: '/api/auth/step-up/passkey',
    path: '/api/auth/step-up/passkey',
    valid: { response: AUTH_RESPONSE },
    wrongType: { response: [] },
    wrongField: 'response',
    longest: { response: { ...AUTH_RESPONSE, id: credential, rawId: credential } },
  },
  {
    method: 'POST',
    route: '/api/passkeys/registration/options',
    path: '/api/passkeys/registration/options',
    valid: {},
    wrongType: [],
  },
  {
    method: 'POST',
    route: '/api/passkeys/registration',
    path: '/api/passkeys/registration',
    valid: { name: 'My key', response: REGISTRATION_RESPONSE },
    wrongType: { name: 5, response: REGISTRATION_RESPONSE },
    wrongField: 'name',
    longest: {
      name: wide(PASSKEY_NAME_MAX),
      response: { ...REGISTRATION_RESPONSE, id: credential, rawId: credential },
    },
  },
  { method: 'DELETE', route: '/api/passkeys/:id', path: '/api/passkeys/cred1', valid: {}, wrongType: [] },
  {
    method: 'POST',
    route: '/api/organisation/pin-login/activate',
    path: '/api/organisation/pin-login/activate',
    valid: { version: 1 },
    wrongType: true,
  },
  {
    method: 'POST',
    route: '/api/organisation/pin-login/deactivate',
    path: '/api/organisation/pin-login/deactivate',
    valid: { version: 1 },
    wrongType: 'off',
  },
  {
    method: 'PATCH',
    route: '/api/organisation/pin-login',
    path: '/api/organisation/pin-login',
    valid: { version: 1, idleLockMinutes: 20 },
    wrongType: { version: 1, idleLockMinutes: '20' },
    wrongField: 'idleLockMinutes',
  },
  {
    method: 'POST',
    route: '/api/users',
    path: '/api/users',
    valid: { ...newUserBody({ username: 'newbie', loginMethod: 'pin_only', pin: '98765' }) },
    wrongType: { ...newUserBody({ username: 'newbie' }), role: 7 },
    wrongField: 'role',
    longest: {
      ...newUserBody({
        name: wide(NAME_MAX),
        username: 'n'.repeat(USERNAME_MAX),
        loginMethod: 'password_and_pin',
        pin: '98764',
        password: wide(PASSWORD_MAX),
      }),
    },
  },
  {
    method: 'PATCH',
    route: '/api/users/:id',
    path: '/api/users/:user',
    valid: { version: 1, name: 'Renamed' },
    wrongType: { version: 1, name: 42 },
    wrongField: 'name',
    longest: {
      version: 1,
      name: wide(NAME_MAX),
      username: 'c'.repeat(USERNAME_MAX),
      password: wide(PASSWORD_MAX),
    },
  },
  { method: 'DELETE', route: '/api/users/:id', path: '/api/users/:user', valid: {}, wrongType: [] },
  {
    method: 'POST',
    route: '/api/devices/state',
    path: '/api/devices/state',
    valid: { deviceId: DEVICE_ID },
    wrongType: { deviceId: 42 },
    wrongField: 'deviceId',
    // A device ID has one length: its limit.
    longest: { deviceId: DEVICE_ID },
  },
  {
    method: 'POST',
    route: '/api/devices/approve',
    path: '/api/devices/approve',
    valid: { name: 'Till 9', publicKey: PUBLIC_KEY, proof: 'a.b.c' },
    wrongType: { name: 9, publicKey: PUBLIC_KEY, proof: 'a.b.c' },
    wrongField: 'name',
    longest: { name: wide(DEVICE_NAME_MAX), publicKey: PUBLIC_KEY },
  },
  {
    method: 'PATCH',
    route: '/api/devices/:id',
    path: '/api/devices/:device',
    valid: { version: 1, name: 'Till 2' },
    wrongType: { version: 1, name: false },
    wrongField: 'name',
    longest: { version: 1, name: wide(DEVICE_NAME_MAX) },
  },
  {
    method: 'POST',
    route: '/api/devices/:id/revoke',
    path: '/api/devices/:device/revoke',
    valid: { version: 1 },
    wrongType: { version: '1' },
    wrongField: 'version',
  },
  {
    method: 'POST',
    route: '/api/devices/:id/unlock',
    path: '/api/devices/:device/unlock',
    valid: { version: 1 },
    wrongType: 1,
  },
  { method: 'DELETE', route: '/api/devices/:id', path: '/api/devices/:device', valid: {}, wrongType: null },

  {
    method: 'POST',
    route: '/api/devices/challenge',
    path: '/api/devices/challenge',
    valid: { deviceId: DEVICE_ID },
    wrongType: { deviceId: ['x'] },
    wrongField: 'deviceId',
    longest: { deviceId: DEVICE_ID, purpose: 'offline-upload' },
  },
  {
    method: 'POST',
    route: '/api/approval-codes',
    path: '/api/approval-codes',
    valid: { publicKey: PUBLIC_KEY, proof: 'a.b.c' },
    wrongType: { publicKey: PUBLIC_KEY, proof: 7 },
    wrongField: 'proof',
    longest: { publicKey: PUBLIC_KEY, proof: 'x'.repeat(2048) },
  },
  {
    method: 'POST',
    route: '/api/approval-codes/look-up',
    path: '/api/approval-codes/look-up',
    valid: { code: APPROVAL_CODE },
    wrongType: { code: 23456789 },
    wrongField: 'code',
    longest: { code: APPROVAL_CODE.padEnd(32, ' ') },
  },
  {
    method: 'POST',
    route: '/api/approval-codes/approve',
    path: '/api/approval-codes/approve',
    valid: { code: APPROVAL_CODE, name: 'Till 9' },
    wrongType: { code: APPROVAL_CODE, name: 9 },
    wrongField: 'name',
    longest: { code: APPROVAL_CODE.padEnd(32, ' '), name: wide(DEVICE_NAME_MAX) },
  },
  {
    method: 'POST',
    route: '/api/pin-login',
    path: '/api/pin-login',
    valid: { deviceId: DEVICE_ID, pin: '12345', proof: 'x.y.z' },
    wrongType: { deviceId: DEVICE_ID, pin: 12345, proof: 'x.y.z' },
    wrongField: 'pin',
    longest: { deviceId: DEVICE_ID, pin: '12345', proof: 'x'.repeat(2048) },
  },
  {
    method: 'POST',
    route: '/api/offline/upload',
    path: '/api/offline/upload',
    valid: { deviceId: DEVICE_ID, proof: 'x.y.z' },
    wrongType: { deviceId: DEVICE_ID, proof: 5 },
    wrongField: 'proof',
    longest: { deviceId: DEVICE_ID, proof: 'x'.repeat(15_000) },
  },
];
