import { allowsPassword, allowsPin, type LoginMethod } from '@tapin/shared';
import { hashPassword } from '../auth/password-hash.js';
import { pinHmac } from '../pins/pin-hmac.js';
import { DomainError } from '../errors/domain-error.js';

export interface CredentialInput {
  organisationId: string;
  loginMethod: LoginMethod;
  pin: string | undefined;
  password: string | undefined;
  current: { pin_hmac: string | null; password_hash: string | null } | null;
}

/**
 * The PIN HMAC and password hash a user ends up with for their login method. A method with a PIN
 * needs one; a method without one clears it. The same holds for passwords.
 */
export async function resolveCredentials(
  pepper: Buffer,
  input: CredentialInput,
): Promise<{ pin_hmac: string | null; password_hash: string | null }> {
  const { loginMethod, pin, password, current } = input;
  let pin_hmac: string | null;
  if (allowsPin(loginMethod)) {
    pin_hmac = pin !== undefined ? pinHmac(pepper, input.organisationId, pin) : (current?.pin_hmac ?? null);
    if (pin_hmac === null) {
      throw new DomainError('bad_request', 'Enter a 5-digit PIN for this login method', { field: 'pin' });
    }
  } else {
    if (pin !== undefined) {
      throw new DomainError('bad_request', 'Choose a login method with PIN to set a PIN', { field: 'pin' });
    }
    pin_hmac = null;
  }
  let password_hash: string | null;
  if (allowsPassword(loginMethod)) {
    password_hash = password !== undefined ? await hashPassword(password) : (current?.password_hash ?? null);
    if (password_hash === null) {
      throw new DomainError('bad_request', 'Enter a password for this login method', { field: 'password' });
    }
  } else {
    if (password !== undefined) {
      throw new DomainError('bad_request', 'A "PIN only" user has no password', { field: 'password' });
    }
    password_hash = null;
  }
  return { pin_hmac, password_hash };
}
