import { createMiddleware } from 'hono/factory';
import { hasAdminAccess, isAdminRole, mayReadAuditLog, mayUsePasskeys } from '@tapin/shared';
import type { AppDeps, AppEnv } from '../app-deps.js';
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

/** The one authorisation mechanism: refuses the request, or hands the handler a typed `actor`. */
export function requireAccess<R extends AccessRule>(deps: Pick<AppDeps, 'clock'>, rule: R) {
  return createMiddleware<AppEnv & { Variables: { actor: ActorOf<R> } }>(async (c, next) => {
    const auth = c.get('auth');
    if (!auth) throw new DomainError('unauthenticated', 'Log in first');
    const now = deps.clock.now();
    refusal(auth, rule, now);
    const actor: Actor = { ...auth, ip: c.get('ip'), now };
    c.set(
      'actor',
      (rule === 'register' ? { ...actor, deviceId: auth.session.device_id } : actor) as ActorOf<R>,
    );
    await next();
  });
}

function refusal({ session, user }: ActiveSession, rule: AccessRule, now: number): void {
  if (rule === 'session') return;
  if (rule === 'register') {
    if (session.kind !== 'register' || session.device_id === null) {
      throw new DomainError('forbidden', 'Only a register session can do this');
    }
    return;
  }
  if (!isAdminRole(user.role)) throw new DomainError('forbidden', 'Only an admin or manager can do this');
  const facts = { role: user.role, kind: session.kind, steppedUpAt: session.stepped_up_at };
  if (!hasAdminAccess(facts, now)) {
    throw new DomainError('step_up_required', 'Confirm it is you with your password or a passkey');
  }
  if (rule === 'passkeys' && !mayUsePasskeys({ role: user.role, loginMethod: user.login_method })) {
    throw new DomainError('forbidden', 'Users who log in with a PIN only cannot add a passkey');
  }
  if (rule === 'audit_log' && !mayReadAuditLog(user.role)) {
    throw new DomainError('forbidden', 'Only an admin can read the audit log');
  }
}
