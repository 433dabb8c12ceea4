import type { Kysely } from 'kysely';
import { allowsPassword } from '@tapin/shared';
import type { DB, User } from '../db/schema.js';
import { findUserByUsername } from '../users/user-repository.js';
import { burnPasswordCheck, verifyPassword } from './password-hash.js';

/**
 * The user these credentials belong to, or null. Unknown user, "PIN only" user and wrong password
 * all take about the same time and give the same null.
 */
export async function verifyPasswordLogin(
  db: Kysely<DB>,
  username: string,
  password: string,
): Promise<{ user: User | null; knownUser: User | null }> {
  const user = await findUserByUsername(db, username);
  if (!user || !user.password_hash || !allowsPassword(user.login_method)) {
    await burnPasswordCheck(password);
    return { user: null, knownUser: user ?? null };
  }
  const ok = await verifyPassword(user.password_hash, password);
  return { user: ok ? user : null, knownUser: user };
}
