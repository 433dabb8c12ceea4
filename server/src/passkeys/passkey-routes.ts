import { Hono } from 'hono';
import {
  EmptyRequest,
  FinishPasskeyRegistrationRequest,
  PasskeyIdParam,
  type OkJSON,
  type PasskeyListJSON,
} from '@tapin/shared';
import { requireAccess } from '../access/require-access.js';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { valid } from '../http/validate.js';
import { addPasskey } from './add-passkey.js';
import { beginPasskeyRegistration } from './begin-passkey-registration.js';
import { passkeyJSON } from './passkey-json.js';
import { listPasskeys } from './passkey-repository.js';
import { relyingParty } from './relying-party.js';
import { removePasskey } from './remove-passkey.js';

/** My account > Passkeys: an admin's or manager's own passkeys, and adding one. */
export function passkeyRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const admin = requireAccess(deps, 'admin');
  const mayAdd = requireAccess(deps, 'passkeys');
  return new Hono<AppEnv>()
    .get('/', admin, async (c) => {
      const passkeys = await listPasskeys(db, c.var.actor.user.id);
      return c.json<PasskeyListJSON>({ passkeys: passkeys.map(passkeyJSON) });
    })
    .post('/registration/options', mayAdd, valid('json', EmptyRequest), async (c) =>
      c.json(await beginPasskeyRegistration(db, c.var.actor, relyingParty(deps.config))),
    )
    .post('/registration', mayAdd, valid('json', FinishPasskeyRegistrationRequest), async (c) =>
      c.json(await addPasskey(db, c.var.actor, relyingParty(deps.config), c.req.valid('json')), 201),
    )
    .delete('/:id', admin, valid('param', PasskeyIdParam), valid('json', EmptyRequest), async (c) => {
      await removePasskey(db, c.var.actor, c.req.valid('param').id);
      return c.json<OkJSON>({ ok: true });
    });
}
