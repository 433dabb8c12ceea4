import { Hono } from 'hono';
import { UpdatePinLoginSettingsRequest, VersionRequest } from '@tapin/shared';
import { requireAccess } from '../access/require-access.js';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { valid } from '../http/validate.js';
import { activatePinLogin } from './activate-pin-login.js';
import { deactivatePinLogin } from './deactivate-pin-login.js';
import { findOrganisation } from './organisation-repository.js';
import { pinLoginSettingsJSON } from './pin-login-settings-json.js';
import { updatePinLoginSettings } from './update-pin-login-settings.js';

/** My account > Log in with PIN code: the organisation-wide switch and its settings. */
export function pinLoginSettingsRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const admin = requireAccess(deps, 'admin');
  return new Hono<AppEnv>()
    .get('/', requireAccess(deps, 'session'), async (c) =>
      c.json(pinLoginSettingsJSON(await findOrganisation(db, c.var.actor.organisation.id))),
    )
    .post('/activate', admin, valid('json', VersionRequest), async (c) =>
      c.json(await activatePinLogin(db, c.var.actor, c.req.valid('json').version)),
    )
    .post('/deactivate', admin, valid('json', VersionRequest), async (c) =>
      c.json(await deactivatePinLogin(db, c.var.actor, c.req.valid('json').version)),
    )
    .patch('/', admin, valid('json', UpdatePinLoginSettingsRequest), async (c) =>
      c.json(await updatePinLoginSettings(db, c.var.actor, c.req.valid('json'))),
    );
}
