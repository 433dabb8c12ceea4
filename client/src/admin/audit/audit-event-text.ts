import {
  LOGIN_METHOD_LABELS,
  LoginMethod,
  ROLE_LABELS,
  Role,
  type AuditEventJSON,
  type AuditEventType,
} from '@tapin/shared';

/** What each audit event means, in the words of the admin environment. */
export const AUDIT_EVENT_LABELS: Record<AuditEventType, string> = {
  'organisation.created': 'Organisation created',
  'pin_login.activated': 'Log in with PIN code activated',
  'pin_login.deactivated': 'Log in with PIN code deactivated',
  'settings.changed': 'PIN login settings changed',
  'user.created': 'User added',
  'user.deleted': 'User deleted',
  'user.pin_set': 'PIN set',
  'user.pin_cleared': 'PIN removed',
  'user.password_changed': 'Password changed',
  'user.role_changed': 'Role changed',
  'user.login_method_changed': 'Login method changed',
  'user.pin_conflict': 'PIN refused: already in use',
  'user.username_conflict': 'Username refused: already taken',
  'login.password_failed': 'Failed password login',
  'login.pin_failed': 'Failed PIN login',
  'login.passkey_failed': 'Failed passkey login',
  'device.approved': 'Device approved',
  'device.renamed': 'Device renamed',
  'device.revoked': 'Device approval revoked',
  'device.deleted': 'Device deleted',
  'device.locked': 'Device locked after failed PIN logins',
  'device.unlocked': 'Device unlocked',
  'session.switched_user': 'Session ended: someone else logged in with their PIN',
  'offline.upload_refused': 'Offline login refused on upload',
  'approval_code.requested': 'Approval code asked for by a device',
  'approval_code.approved': 'Device approved with a code',
  'approval_code.wrong': 'Approval code refused: it does not work',
  'approval_code.expired': 'Approval code refused: it had expired',
  'passkey.added': 'Passkey added',
  'passkey.removed': 'Passkey removed',
  'passkey.counter_regressed': 'Passkey counter went backwards (possible cloned passkey)',
  'access.refused': 'Action refused',
};

function roleLabel(value: unknown): string | null {
  const r = Role.safeParse(value);
  return r.success ? ROLE_LABELS[r.data] : null;
}

function methodLabel(value: unknown): string | null {
  const m = LoginMethod.safeParse(value);
  return m.success ? LOGIN_METHOD_LABELS[m.data] : null;
}

/** Why a passkey was refused, as the server records it in the detail's `reason`. */
const PASSKEY_REFUSALS: Record<string, string> = {
  not_allowed: 'this user may not use passkeys',
  wrong_user: "somebody else's passkey",
  invalid: 'the passkey did not check out',
};

function passkeyFailure(detail: AuditEventJSON['detail']): string {
  const what = detail.stepUp === true ? 'Failed passkey step-up' : AUDIT_EVENT_LABELS['login.passkey_failed'];
  const parts = [
    typeof detail.passkey === 'string' ? detail.passkey : null,
    typeof detail.reason === 'string' ? (PASSKEY_REFUSALS[detail.reason] ?? null) : null,
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? `${what}: ${parts.join(', ')}` : what;
}

/** A change of settings that only switched the passkey requirement reads as what it did. */
function settingsChange(label: string, detail: AuditEventJSON['detail']): string {
  const keys = Object.keys(detail);
  if (keys.length !== 1 || typeof detail.requirePasskey !== 'boolean') return label;
  return detail.requirePasskey
    ? 'Passkey required for admins and managers'
    : 'Passkey no longer required for admins and managers';
}

/** The event's label, with the change it records when the detail says so: "Role changed: Cashier → Manager". */
export function describeAuditEvent(event: Pick<AuditEventJSON, 'type' | 'detail'>): string {
  const label = AUDIT_EVENT_LABELS[event.type];
  const { detail } = event;
  switch (event.type) {
    case 'user.role_changed': {
      const from = roleLabel(detail.from);
      const to = roleLabel(detail.to);
      return from && to ? `${label}: ${from} → ${to}` : label;
    }
    case 'user.login_method_changed': {
      const from = methodLabel(detail.from);
      const to = methodLabel(detail.to);
      return from && to ? `${label}: ${from} → ${to}` : label;
    }
    case 'user.pin_set':
      return detail.replaced === true ? 'PIN replaced' : label;
    case 'device.renamed':
      return typeof detail.from === 'string' && typeof detail.to === 'string'
        ? `${label}: ${detail.from} → ${detail.to}`
        : label;
    case 'device.approved':
    case 'approval_code.approved':
    case 'passkey.added':
    case 'passkey.removed':
      return typeof detail.name === 'string' ? `${label}: ${detail.name}` : label;
    case 'passkey.counter_regressed':
      return typeof detail.passkey === 'string' ? `${label}: ${detail.passkey}` : label;
    case 'login.passkey_failed':
      return passkeyFailure(detail);
    case 'settings.changed':
      return settingsChange(label, detail);
    case 'device.unlocked':
      return detail.byApproval === true ? `${label} by approving it again` : label;
    case 'approval_code.requested':
      return typeof detail.browser === 'string' && typeof detail.operatingSystem === 'string'
        ? `${label}: ${detail.browser} on ${detail.operatingSystem}`
        : label;
    case 'approval_code.wrong':
      return detail.reason === 'used' ? 'Approval code refused: it was used already' : label;
    case 'access.refused':
      return typeof detail.reason === 'string' ? `${label}: ${detail.reason}` : label;
    default:
      return label;
  }
}
