import type { Kysely } from 'kysely';
import type { SessionJSON } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import type { DB } from '../db/schema.js';
import { sessionJSON } from './session-json.js';
import { markSteppedUp } from './session-repository.js';

/**
 * "Confirm it's you" succeeded (password or passkey): this session may use the admin environment
 * for the next STEP_UP_MS.
 */
export async function stepUp(
  db: Kysely<DB>,
  actor: Actor,
  extra: { mustAddPasskey?: boolean } = {},
): Promise<SessionJSON> {
  await markSteppedUp(db, actor.session.id, actor.now);
  return sessionJSON({ ...actor, session: { ...actor.session, stepped_up_at: actor.now } }, actor.now, extra);
}
