import {
  CreateUserRequest,
  LOGIN_METHODS,
  UpdateUserRequest,
  allowsPassword,
  allowsPin,
  assignableRoles,
  type LoginMethod,
  type Role,
  PIN_LENGTH,
  type UserJSON,
} from '@tapin/shared';
import type * as z from 'zod/mini';
import type { Words } from '../../lib/forms/async-action.svelte';
import { checkForm } from '../../lib/forms/field-errors';
import { m } from '../../paraglide/messages.js';
import { loginMethodLabel, roleLabel } from './user-labels';

export const USER_FORM_FIELDS = ['name', 'username', 'role', 'loginMethod', 'pin', 'password'] as const;
export type UserFormField = (typeof USER_FORM_FIELDS)[number];

/** What the form holds while it is being edited; empty PIN and password mean "not entered". */
export interface UserFormValues {
  name: string;
  username: string;
  role: Role;
  loginMethod: LoginMethod;
  pin: string;
  password: string;
}

/**
 * What the PIN field keeps of what was typed or pasted: its digits, up to a PIN's length. A PIN
 * pasted as "012 34" or "01234 " is the PIN, not a mistake to correct by hand.
 */
export function pinDigits(typed: string): string {
  return typed.replace(/\D/g, '').slice(0, PIN_LENGTH);
}

export function newUserValues(): UserFormValues {
  return { name: '', username: '', role: 'cashier', loginMethod: 'password', pin: '', password: '' };
}

export function valuesOf(user: UserJSON): UserFormValues {
  return {
    name: user.name,
    username: user.username,
    role: user.role,
    loginMethod: user.loginMethod,
    pin: '',
    password: '',
  };
}

/** The roles the acting user may give, as the form lists them: a manager never makes anyone an admin. */
export function roleOptions(actorRole: Role): { value: Role; label: string }[] {
  return assignableRoles(actorRole).map((value) => ({ value, label: roleLabel(value) }));
}

/** The login methods, as the form lists them. */
export function loginMethodOptions(): { value: LoginMethod; label: string }[] {
  return LOGIN_METHODS.map((value) => ({ value, label: loginMethodLabel(value) }));
}

type FieldErrors = Partial<Record<UserFormField, Words>>;
export type UserRequestResult<T> =
  { ok: true; body: T } | { ok: false; errors: FieldErrors; formError?: Words };

/** The request that adds a user; a PIN and password are required when the login method uses them. */
export function createUserRequest(values: UserFormValues): UserRequestResult<CreateUserRequest> {
  return build(CreateUserRequest, values, null);
}

/**
 * The request that saves an existing user. The PIN and password are sent only when a new one was
 * typed (empty keeps the current one), and are required when the new login method needs one the
 * user does not have yet.
 */
export function updateUserRequest(
  values: UserFormValues,
  existing: UserJSON,
): UserRequestResult<UpdateUserRequest> {
  return build(UpdateUserRequest, values, existing);
}

function build<T>(
  schema: z.ZodMiniType<T>,
  values: UserFormValues,
  existing: UserJSON | null,
): UserRequestResult<T> {
  const withPin = allowsPin(values.loginMethod);
  const withPassword = allowsPassword(values.loginMethod);
  const body = {
    // The version the form was loaded at: a user changed since is not overwritten.
    ...(existing && { version: existing.version }),
    name: values.name,
    username: values.username,
    role: values.role,
    loginMethod: values.loginMethod,
    ...(withPin && values.pin !== '' && { pin: values.pin }),
    ...(withPassword && values.password !== '' && { password: values.password }),
  };
  const checked = checkForm(schema, body, USER_FORM_FIELDS);
  const errors: FieldErrors = checked.ok ? {} : { ...checked.errors };
  if (withPin && values.pin === '' && !existing?.hasPin) {
    errors.pin ??= m.users_pin_required;
  }
  if (withPassword && values.password === '' && !existing?.hasPassword) {
    errors.password ??= m.users_password_required;
  }
  if (checked.ok && Object.keys(errors).length === 0) return { ok: true, body: checked.data };
  const formError = checked.ok ? undefined : checked.formError;
  return formError === undefined ? { ok: false, errors } : { ok: false, errors, formError };
}
