import type { PinLoginSettingsJSON } from '@tapin/shared';
import type { Organisation } from '../db/schema.js';

export function pinLoginSettingsJSON(org: Organisation): PinLoginSettingsJSON {
  return {
    active: org.pin_login_active === 1,
    offlineGraceMinutes: org.offline_grace_minutes,
    idleLockMinutes: org.idle_lock_minutes,
    requirePasskey: org.require_passkey === 1,
    registerLanguage: org.register_language,
    version: org.version,
  };
}
