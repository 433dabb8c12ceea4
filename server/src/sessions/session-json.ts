import type { SessionJSON } from '@tapin/shared';
import { hasAdminAccess } from './session-middleware.js';
import type { ActiveSession } from './session-repository.js';

/** `mustAddPasskey`: see passkeyRequirement(); false unless the route worked it out. */
export function sessionJSON(
  auth: ActiveSession,
  now: number,
  extra: { mustAddPasskey?: boolean } = {},
): SessionJSON {
  const { session, user, organisation } = auth;
  return {
    user: { id: user.id, name: user.name, username: user.username, role: user.role },
    organisation: { id: organisation.id, name: organisation.name },
    kind: session.kind,
    adminAccess: hasAdminAccess(auth, now),
    deviceId: session.device_id,
    expiresAt: new Date(session.expires_at).toISOString(),
    serverTime: new Date(now).toISOString(),
    mustAddPasskey: extra.mustAddPasskey ?? false,
  };
}
