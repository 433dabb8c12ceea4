import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { ErrorCode } from '@tapin/shared';
import type { Actor } from '../access/actor.js';
import type { DB } from '../db/schema.js';
import type { DomainError } from '../errors/domain-error.js';
import { auditScope, recordAudit } from './record-audit.js';

/**
 * The codes that mean "you may not": a role or session that does not allow the action, an ID that
 * is not in the actor's organisation (or not at all), a device that belongs to another one.
 * step_up_required is left out: it is the normal way into the admin environment from a register.
 */
const REFUSALS = new Set<ErrorCode>(['forbidden', 'not_found', 'device_in_other_organisation']);

/**
 * Writes `access.refused` when a logged-in actor's request was refused: which action, why, and at
 * whom. Only names and field names go in, never a value the actor sent.
 */
export async function auditRefusal(
  db: Kysely<DB>,
  actor: Actor,
  c: Context,
  err: DomainError,
): Promise<void> {
  if (!REFUSALS.has(err.code)) return;
  const id = c.req.param('id') as string | undefined;
  const fields = sentFields(c);
  await recordAudit(db, auditScope(actor), {
    type: 'access.refused',
    targetUserId: err.audit.targetUserId ?? null,
    detail: {
      action: `${c.req.method} ${c.req.routePath}`,
      code: err.code,
      reason: err.message,
      ...(id !== undefined && { targetId: id.slice(0, 100) }),
      ...(fields && { fields }),
    },
  });
}

/** The names of the fields of the validated body, when the refusal came after validation. */
function sentFields(c: Context): string | null {
  const body = (c.req as unknown as { valid(target: 'json'): unknown }).valid('json');
  if (typeof body !== 'object' || body === null) return null;
  const keys = Object.keys(body).sort();
  return keys.length > 0 ? keys.join(',') : null;
}
