import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import type { DB, User } from '../db/schema.js';
import { DomainError } from '../errors/domain-error.js';
import { findUser } from './user-repository.js';

/** A user of the actor's organisation, or 404. */
export async function userOfActor(db: Kysely<DB>, actor: Actor, id: string): Promise<User> {
  const user = await findUser(db, actor.organisation.id, id);
  if (!user) throw new DomainError('not_found', 'No such user');
  return user;
}
