import { sql, type UpdateResult } from 'kysely';

/**
 * Optimistic concurrency for the rows admins edit in forms (users, devices, organisations). Every
 * write to such a row sets `version` to this, so each write is counted; a write made on behalf
 * of a form also asks, in its WHERE, for the version the form was loaded with. On both engines
 * the UPDATE re-reads the row it is about to change under the row's lock (PostgreSQL re-checks
 * the WHERE against the row a concurrent transaction committed), so of two saves of the same
 * version exactly one changes the row and the other changes none.
 */
export const NEXT_VERSION = sql<number>`version + 1`;

/** Whether a versioned UPDATE changed its row: false means the version had moved on (or the row is gone). */
export function wrote(result: UpdateResult): boolean {
  return result.numUpdatedRows > 0n;
}
