import type { UserJSON } from '@tapin/shared';
import type { User } from '../db/schema.js';

/** The API's view of a user: whether a PIN or password is set, never either value. */
export function userJSON(u: User): UserJSON {
  return {
    id: u.id,
    name: u.name,
    username: u.username,
    role: u.role,
    loginMethod: u.login_method,
    hasPin: u.pin_hmac !== null,
    hasPassword: u.password_hash !== null,
    createdAt: new Date(u.created_at).toISOString(),
    version: u.version,
  };
}
