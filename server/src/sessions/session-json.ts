import { hasAdminAccess, type PinChallengeJSON, type SessionJSON } from '@tapin/shared';
import type { ActiveSession } from '../access/actor.js';

/** `mustAddPasskey`: see passkeyRequirement(); false unless the route worked it out. */
export function sessionJSON(
  auth: ActiveSession,
  now: number,
  extra: { mustAddPasskey?: boolean; nextChallenge?: PinChallengeJSON } = {},
): SessionJSON {
  const { session, user, organisation } = auth;
  return {
    user: { id: user.id, name: user.name, username: user.username, role: user.role },
    organisation: { id: organisation.id, name: organisation.name },
    kind: session.kind,
    adminAccess: hasAdminAccess(
      { role: user.role, kind: session.kind, steppedUpAt: session.stepped_up_at },
      now,
    ),
    deviceId: session.device_id,
    expiresAt: new Date(session.expires_at).toISOString(),
    serverTime: new Date(now).toISOString(),
    mustAddPasskey: extra.mustAddPasskey ?? false,
    ...(extra.nextChallenge && { nextChallenge: extra.nextChallenge }),
  };
}
