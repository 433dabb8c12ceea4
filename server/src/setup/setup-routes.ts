import { Hono } from 'hono';
import { SetupRequest, type SetupStatusJSON } from '@tapin/shared';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { valid } from '../http/validate.js';
import { writeSessionCookie } from '../sessions/session-cookie.js';
import { sessionJSON } from '../sessions/session-json.js';
import { createSession } from '../sessions/session-repository.js';
import { createOrganisation } from './create-organisation.js';

/** First run: only while the database holds no organisation. Further ones come from the CLI. */
export function setupRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const any = await db.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
      return c.json<SetupStatusJSON>({ needed: !any });
    })
    .post('/', valid('json', SetupRequest), async (c) => {
      const now = deps.clock.now();
      const { organisation, admin } = await createOrganisation(db, c.req.valid('json'), now, {
        onlyIfEmpty: true,
      });
      const { token, session } = await createSession(db, {
        organisationId: organisation.id,
        userId: admin.id,
        kind: 'web',
        deviceId: null,
        ip: c.get('ip'),
        now,
      });
      writeSessionCookie(c, token, deps.config.secureCookies);
      return c.json(sessionJSON({ session, user: admin, organisation }, now), 201);
    });
}
