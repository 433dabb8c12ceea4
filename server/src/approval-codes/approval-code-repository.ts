import type { Insertable, Kysely } from 'kysely';
import type { ApprovalCodeRequestRow, ApprovalCodeRequestTable, DB } from '../db/schema.js';

export async function findRequestByCodeHash(
  db: Kysely<DB>,
  codeHash: string,
): Promise<ApprovalCodeRequestRow | undefined> {
  return db
    .selectFrom('approval_code_requests')
    .selectAll()
    .where('code_hash', '=', codeHash)
    .executeTakeFirst();
}

export async function codeHashTaken(db: Kysely<DB>, codeHash: string): Promise<boolean> {
  const row = await db
    .selectFrom('approval_code_requests')
    .select('id')
    .where('code_hash', '=', codeHash)
    .executeTakeFirst();
  return row !== undefined;
}

/** Codes still waiting: not used and not expired. */
export async function countLiveRequests(db: Kysely<DB>, now: number): Promise<number> {
  const row = await db
    .selectFrom('approval_code_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('expires_at', '>', now)
    .where('approved_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** When the live code that expires first does, for telling someone when to try again. */
export async function firstLiveExpiry(db: Kysely<DB>, now: number): Promise<number | null> {
  const row = await db
    .selectFrom('approval_code_requests')
    .select((eb) => eb.fn.min<number>('expires_at').as('at'))
    .where('expires_at', '>', now)
    .where('approved_at', 'is', null)
    .executeTakeFirst();
  return row?.at == null ? null : Number(row.at);
}

/** A device's new code replaces the ones it asked for before and has not used. */
export async function deleteUnusedRequestsOfDevice(db: Kysely<DB>, deviceId: string): Promise<void> {
  await db
    .deleteFrom('approval_code_requests')
    .where('device_id', '=', deviceId)
    .where('approved_at', 'is', null)
    .execute();
}

export async function insertRequest(
  db: Kysely<DB>,
  row: Insertable<ApprovalCodeRequestTable>,
): Promise<void> {
  await db.insertInto('approval_code_requests').values(row).execute();
}

/**
 * Gives a request that has no organisation yet this one: `claimed` when this call did, `ours` when
 * it was this organisation's already, `theirs` when another organisation had it first.
 */
export async function claimRequest(
  db: Kysely<DB>,
  id: string,
  organisationId: string,
): Promise<'claimed' | 'ours' | 'theirs'> {
  const result = await db
    .updateTable('approval_code_requests')
    .set({ organisation_id: organisationId })
    .where('id', '=', id)
    .where('organisation_id', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 1n) return 'claimed';
  const row = await db
    .selectFrom('approval_code_requests')
    .select('organisation_id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.organisation_id === organisationId ? 'ours' : 'theirs';
}

/**
 * Spends a code: sets it approved only if it still waits, unexpired, for this organisation. The
 * compare-and-set is one statement, so of parallel uses exactly one changes the row; PostgreSQL
 * makes a second one wait for the first to commit and then finds the row no longer waiting.
 */
export async function spendRequest(
  db: Kysely<DB>,
  c: { id: string; organisationId: string; approvedBy: string; now: number },
): Promise<boolean> {
  const result = await db
    .updateTable('approval_code_requests')
    .set({ approved_at: c.now, approved_by: c.approvedBy })
    .where('id', '=', c.id)
    .where('organisation_id', '=', c.organisationId)
    .where('approved_at', 'is', null)
    .where('expires_at', '>', c.now)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
