import { LoginMethod, Role, type AuditEventJSON, type AuditEventType } from '@tapin/shared';
import { m } from '../../paraglide/messages.js';
import { loginMethodLabel, roleLabel } from '../users/user-labels';

/** What each audit event means, in the words of the admin environment and the language on screen. */
export const AUDIT_EVENT_LABELS: Record<AuditEventType, () => string> = {
  'organisation.created': m.audit_event_organisation_created,
  'pin_login.activated': m.audit_event_pin_login_activated,
  'pin_login.deactivated': m.audit_event_pin_login_deactivated,
  'settings.changed': m.audit_event_settings_changed,
  'user.created': m.audit_event_user_created,
  'user.deleted': m.audit_event_user_deleted,
  'user.pin_set': m.audit_event_user_pin_set,
  'user.pin_cleared': m.audit_event_user_pin_cleared,
  'user.password_changed': m.audit_event_user_password_changed,
  'user.role_changed': m.audit_event_user_role_changed,
  'user.login_method_changed': m.audit_event_user_login_method_changed,
  'user.pin_conflict': m.audit_event_user_pin_conflict,
  'user.username_conflict': m.audit_event_user_username_conflict,
  'login.password_failed': m.audit_event_login_password_failed,
  'login.pin_failed': m.audit_event_login_pin_failed,
  'login.passkey_failed': m.audit_event_login_passkey_failed,
  'device.approved': m.audit_event_device_approved,
  'device.renamed': m.audit_event_device_renamed,
  'device.revoked': m.audit_event_device_revoked,
  'device.deleted': m.audit_event_device_deleted,
  'device.locked': m.audit_event_device_locked,
  'device.unlocked': m.audit_event_device_unlocked,
  'session.switched_user': m.audit_event_session_switched_user,
  'offline.upload_refused': m.audit_event_offline_upload_refused,
  'approval_code.requested': m.audit_event_approval_code_requested,
  'approval_code.approved': m.audit_event_approval_code_approved,
  'approval_code.wrong': m.audit_event_approval_code_wrong,
  'approval_code.expired': m.audit_event_approval_code_expired,
  'passkey.added': m.audit_event_passkey_added,
  'passkey.removed': m.audit_event_passkey_removed,
  'passkey.counter_regressed': m.audit_event_passkey_counter_regressed,
  'access.refused': m.audit_event_access_refused,
};

function roleName(value: unknown): string | null {
  const r = Role.safeParse(value);
  return r.success ? roleLabel(r.data) : null;
}

function methodLabel(value: unknown): string | null {
  const parsed = LoginMethod.safeParse(value);
  return parsed.success ? loginMethodLabel(parsed.data) : null;
}

/** Why a passkey was refused, as the server records it in the detail's `reason`. */
const PASSKEY_REFUSALS: Record<string, () => string> = {
  not_allowed: m.audit_passkey_not_allowed,
  wrong_user: m.audit_passkey_wrong_user,
  invalid: m.audit_passkey_invalid,
};

function passkeyFailure(detail: AuditEventJSON['detail']): string {
  const what =
    detail.stepUp === true ? m.audit_passkey_step_up_failed() : m.audit_event_login_passkey_failed();
  const refusal = typeof detail.reason === 'string' ? PASSKEY_REFUSALS[detail.reason] : undefined;
  const parts = [
    typeof detail.passkey === 'string' ? detail.passkey : null,
    refusal ? refusal() : null,
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? m.audit_with_detail({ event: what, detail: parts.join(', ') }) : what;
}

/** A change of settings that only switched the passkey requirement reads as what it did. */
function settingsChange(label: string, detail: AuditEventJSON['detail']): string {
  const keys = Object.keys(detail);
  if (keys.length !== 1 || typeof detail.requirePasskey !== 'boolean') return label;
  return detail.requirePasskey ? m.audit_passkey_required() : m.audit_passkey_not_required();
}

function change(event: string, from: string | null, to: string | null): string {
  return from && to ? m.audit_change({ event, from, to }) : event;
}

function withDetail(event: string, detail: unknown): string {
  return typeof detail === 'string' ? m.audit_with_detail({ event, detail }) : event;
}

/** The event's label, with the change it records when the detail says so: "Role changed: Cashier → Manager". */
export function describeAuditEvent(event: Pick<AuditEventJSON, 'type' | 'detail'>): string {
  const label = AUDIT_EVENT_LABELS[event.type]();
  const { detail } = event;
  switch (event.type) {
    case 'user.role_changed':
      return change(label, roleName(detail.from), roleName(detail.to));
    case 'user.login_method_changed':
      return change(label, methodLabel(detail.from), methodLabel(detail.to));
    case 'user.pin_set':
      return detail.replaced === true ? m.audit_pin_replaced() : label;
    case 'device.renamed':
      return typeof detail.from === 'string' && typeof detail.to === 'string'
        ? m.audit_change({ event: label, from: detail.from, to: detail.to })
        : label;
    case 'device.approved':
    case 'approval_code.approved':
    case 'passkey.added':
    case 'passkey.removed':
      return withDetail(label, detail.name);
    case 'passkey.counter_regressed':
      return withDetail(label, detail.passkey);
    case 'login.passkey_failed':
      return passkeyFailure(detail);
    case 'settings.changed':
      return settingsChange(label, detail);
    case 'device.unlocked':
      return detail.byApproval === true ? m.audit_device_unlocked_by_approval() : label;
    case 'approval_code.requested':
      return typeof detail.browser === 'string' && typeof detail.operatingSystem === 'string'
        ? m.audit_code_requested_from({
            event: label,
            browser: detail.browser,
            operatingSystem: detail.operatingSystem,
          })
        : label;
    case 'approval_code.wrong':
      return detail.reason === 'used' ? m.audit_approval_code_used() : label;
    case 'access.refused':
      return withDetail(label, detail.reason);
    default:
      return label;
  }
}
