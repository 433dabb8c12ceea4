import { createMiddleware } from 'hono/factory';
import { hasAdminAccess, isAdminRole, mayReadAuditLog, mayUsePasskeys } from '@tapin/shared';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { auditRefusal } from '../audit/audit-refusal.js';
import { DomainError } from '../errors/domain-error.js';
import type { ActiveSession, Actor } from './actor.js';

/**
 * What a route asks of its caller, declared once per route:
 * - `session`: anyone logged in;
 * - `register`: a register (PIN) session on an approved device;
 * - `admin`: the admin environment (an admin or manager in a web session, or stepped up);
 * - `passkeys`: the admin environment, for someone who may have passkeys;
 * - `audit_log`: the admin environment, for someone who may read the audit log.
 */
export type AccessRule = 'session' | 'register' | 'admin' | 'passkeys' | 'audit_log';

/** A register session's actor also carries the device it runs on. */
type ActorOf<R extends AccessRule> = R extends 'register' ? Actor & { deviceId: string } : Actor;

/**
 * The one authorisation mechanism: refuses the request, or hands the handler a typed `actor`. It is
 * also where refusals are audited: its own, and those the handler's domain code throws (whom a
 * manager may change, IDs of other organisations). Requests without a session are not audited, so
 * that nobody can fill the audit log without logging in.
 */
export function requireAccess<R extends AccessRule>(deps: Pick<AppDeps, 'clock' | 'database'>, rule: R) {
  const { db } = deps.database;
  return createMiddleware<AppEnv & { Variables: { actor: ActorOf<R> } }>(async (c, next) => {
    const auth = c.get('auth');
    if (!auth) throw new DomainError('unauthenticated', 'Log in first');
    const actor: Actor = { ...auth, ip: c.get('ip'), now: deps.clock.now() };
    const refused = refusal(auth, rule, actor.now);
    if (refused) {
      await auditRefusal(db, actor, c, refused);
      throw refused;
    }
    c.set(
      'actor',
      (rule === 'register' ? { ...actor, deviceId: auth.session.device_id } : actor) as ActorOf<R>,
    );
    await next();
    // Hono has already turned a thrown error into the response; it leaves the error here.
    if (c.error instanceof DomainError) await auditRefusal(db, actor, c, c.error);
  });
}

function refusal({ session, user }: ActiveSession, rule: AccessRule, now: number): DomainError | null {
  if (rule === 'session') return null;
  if (rule === 'register') {
    if (session.kind !== 'register' || session.device_id === null) {
      return new DomainError('forbidden', 'Only a register session can do this');
    }
    return null;
  }
  if (!isAdminRole(user.role)) return new DomainError('forbidden', 'Only an admin or manager can do this');
  const facts = { role: user.role, kind: session.kind, steppedUpAt: session.stepped_up_at };
  if (!hasAdminAccess(facts, now)) {
    return new DomainError('step_up_required', 'Confirm it is you with your password or a passkey');
  }
  if (rule === 'passkeys' && !mayUsePasskeys({ role: user.role, loginMethod: user.login_method })) {
    return new DomainError('forbidden', 'Users who log in with a PIN only cannot add a passkey');
  }
  if (rule === 'audit_log' && !mayReadAuditLog(user.role)) {
    return new DomainError('forbidden', 'Only an admin can read the audit log');
  }
  return null;
}
