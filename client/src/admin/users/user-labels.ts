import type { LoginMethod, Role } from '@tapin/shared';
import { m } from '../../paraglide/messages.js';

// The shared ROLE_LABELS and LOGIN_METHOD_LABELS are the English names (the help article's); a
// screen shows these, in the language on screen.

const ROLE_TEXT: Record<Role, () => string> = {
  admin: m.users_role_admin,
  manager: m.users_role_manager,
  cashier: m.users_role_cashier,
};

const LOGIN_METHOD_TEXT: Record<LoginMethod, () => string> = {
  password: m.users_login_method_password,
  password_and_pin: m.users_login_method_password_and_pin,
  pin_only: m.users_login_method_pin_only,
};

const LOGIN_METHOD_HINT_TEXT: Record<LoginMethod, () => string> = {
  password: m.users_login_method_hint_password,
  password_and_pin: m.users_login_method_hint_password_and_pin,
  pin_only: m.users_login_method_hint_pin_only,
};

/** A role's name: Admin, Manager, Cashier. */
export function roleLabel(role: Role): string {
  return ROLE_TEXT[role]();
}

/** A login method's name: Password, Password and PIN, PIN only. */
export function loginMethodLabel(method: LoginMethod): string {
  return LOGIN_METHOD_TEXT[method]();
}

/** What a login method means, shown under the choice. */
export function loginMethodHint(method: LoginMethod): string {
  return LOGIN_METHOD_HINT_TEXT[method]();
}
