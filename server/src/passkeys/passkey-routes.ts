import { Hono } from 'hono';
import { generateRegistrationOptions, verifyRegistrationResponse } from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import {
  EmptyRequest,
  FinishPasskeyRegistrationRequest,
  PASSKEYS_PER_USER_MAX,
  PasskeyIdParam,
  allowsPassword,
  type PasskeyListJSON,
} from '@tapin/shared';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Passkey, User } from '../db/schema.js';
import { uniqueViolation } from '../db/unique-violation.js';
import { ApiError } from '../http/api-error.js';
import { valid } from '../http/validate.js';
import { authOf, requireAdminAccess } from '../sessions/session-middleware.js';
import { passkeyJSON } from './passkey-json.js';
import { countPasskeys, findPasskey, insertPasskey, listPasskeys } from './passkey-repository.js';
import { relyingParty } from './relying-party.js';
import { transportsOf } from './verify-passkey-assertion.js';
import {
  WEBAUTHN_CHALLENGE_TTL_MS,
  consumeWebAuthnChallenge,
  issueWebAuthnChallenge,
} from './webauthn-challenge-store.js';

/** My account > Passkeys: an admin's or manager's own passkeys, and adding one. */
export function passkeyRoutes(deps: AppDeps) {
  const { db, kind } = deps.database;
  const adminOnly = requireAdminAccess(deps);

  // "PIN only" users have no web login, and so no passkeys either.
  function assertMayAddPasskey(user: User): void {
    if (!allowsPassword(user.login_method)) {
      throw new ApiError(403, 'forbidden', 'Users who log in with a PIN only cannot add a passkey');
    }
  }

  function tooMany(): ApiError {
    return new ApiError(
      409,
      'passkey_limit_reached',
      `You can have at most ${PASSKEYS_PER_USER_MAX} passkeys. Remove one first.`,
    );
  }

  return new Hono<AppEnv>()
    .get('/', adminOnly, async (c) => {
      const passkeys = await listPasskeys(db, authOf(c).user.id);
      return c.json<PasskeyListJSON>({ passkeys: passkeys.map(passkeyJSON) });
    })
    .post('/registration/options', adminOnly, valid('json', EmptyRequest), async (c) => {
      const { user } = authOf(c);
      assertMayAddPasskey(user);
      const existing = await listPasskeys(db, user.id);
      if (existing.length >= PASSKEYS_PER_USER_MAX) throw tooMany();
      const rp = relyingParty(c, deps.config);
      const options = await generateRegistrationOptions({
        rpName: rp.name,
        rpID: rp.id,
        userName: user.username,
        userDisplayName: user.name,
        // The user handle a discoverable passkey gives back at login; checked against the owner.
        userID: new TextEncoder().encode(user.id),
        timeout: WEBAUTHN_CHALLENGE_TTL_MS,
        attestationType: 'none',
        excludeCredentials: existing.map((p) => ({ id: p.id, transports: transportsOf(p) })),
        authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
      });
      await issueWebAuthnChallenge(db, {
        challenge: options.challenge,
        purpose: 'registration',
        userId: user.id,
        now: deps.clock.now(),
      });
      return c.json(options);
    })
    .post('/registration', adminOnly, valid('json', FinishPasskeyRegistrationRequest), async (c) => {
      const auth = authOf(c);
      const { user } = auth;
      assertMayAddPasskey(user);
      const { name, response } = c.req.valid('json');
      const now = deps.clock.now();
      const rp = relyingParty(c, deps.config);
      let verification;
      try {
        verification = await verifyRegistrationResponse({
          response,
          expectedChallenge: (challenge) =>
            consumeWebAuthnChallenge(db, { challenge, purpose: 'registration', userId: user.id, now }),
          expectedOrigin: rp.origin,
          expectedRPID: rp.id,
          requireUserVerification: false,
        });
      } catch {
        verification = { verified: false as const };
      }
      if (!verification.verified) {
        throw new ApiError(400, 'bad_request', 'This passkey could not be verified. Try adding it again.');
      }
      const info = verification.registrationInfo;
      const alreadyRegistered = () =>
        new ApiError(409, 'passkey_already_registered', 'This passkey is already registered');
      if (await findPasskey(db, info.credential.id)) throw alreadyRegistered();
      const passkey: Passkey = {
        id: info.credential.id,
        user_id: user.id,
        organisation_id: auth.organisation.id,
        name,
        public_key: isoBase64URL.fromBuffer(info.credential.publicKey),
        counter: info.credential.counter,
        transports: JSON.stringify(info.credential.transports ?? []),
        device_type: info.credentialDeviceType,
        backed_up: info.credentialBackedUp ? 1 : 0,
        created_at: now,
        last_used_at: null,
      };
      await db.transaction().execute(async (trx) => {
        if ((await countPasskeys(trx, user.id)) >= PASSKEYS_PER_USER_MAX) throw tooMany();
        try {
          await insertPasskey(trx, passkey);
        } catch (err) {
          if (uniqueViolation(err)) throw alreadyRegistered();
          throw err;
        }
        await recordAudit(trx, {
          organisationId: auth.organisation.id,
          type: 'passkey.added',
          actorUserId: user.id,
          targetUserId: user.id,
          deviceId: auth.session.device_id,
          ip: c.get('ip'),
          detail: { name, deviceType: passkey.device_type, backedUp: passkey.backed_up === 1 },
          now,
        });
      });
      return c.json(passkeyJSON(passkey), 201);
    })
    .delete('/:id', adminOnly, valid('param', PasskeyIdParam), valid('json', EmptyRequest), async (c) => {
      const auth = authOf(c);
      const { id } = c.req.valid('param');
      const now = deps.clock.now();
      await db.transaction().execute(async (trx) => {
        // On PostgreSQL, lock the owner's row, so that two removals of a user's last two passkeys
        // cannot both pass the check below. SQLite runs one write transaction at a time anyway.
        await trx
          .selectFrom('users')
          .select('id')
          .where('id', '=', auth.user.id)
          .$if(kind === 'postgres', (qb) => qb.forUpdate())
          .execute();
        const passkey = await trx
          .selectFrom('passkeys')
          .selectAll()
          .where('id', '=', id)
          .where('user_id', '=', auth.user.id)
          .executeTakeFirst();
        if (!passkey) throw new ApiError(404, 'not_found', 'No such passkey');
        const org = await trx
          .selectFrom('organisations')
          .select('require_passkey')
          .where('id', '=', auth.organisation.id)
          .executeTakeFirstOrThrow();
        if (org.require_passkey === 1 && (await countPasskeys(trx, auth.user.id)) <= 1) {
          throw new ApiError(
            409,
            'last_passkey_required',
            'Your organisation requires a passkey for admins and managers, so you cannot remove your last one. Add another passkey first.',
          );
        }
        await trx.deleteFrom('passkeys').where('id', '=', passkey.id).execute();
        // Like a changed password, a removed passkey ends the user's other sessions: one of them
        // may have been opened with it.
        await trx
          .updateTable('sessions')
          .set({ ended_at: now, token_hash: null })
          .where('user_id', '=', auth.user.id)
          .where('ended_at', 'is', null)
          .where('id', '!=', auth.session.id)
          .execute();
        await recordAudit(trx, {
          organisationId: auth.organisation.id,
          type: 'passkey.removed',
          actorUserId: auth.user.id,
          targetUserId: auth.user.id,
          deviceId: auth.session.device_id,
          ip: c.get('ip'),
          detail: { name: passkey.name },
          now,
        });
      });
      return c.json({ ok: true });
    });
}
