import { Hono } from 'hono';
import { SetupRequest, type SetupStatusJSON } from '@tapin/shared';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { valid } from '../http/validate.js';
import { anyOrganisationExists } from '../organisation/organisation-repository.js';
import { createOrganisation } from './create-organisation.js';
import { openSession } from '../sessions/open-session.js';

/** First run: only while the database holds no organisation. Further ones come from the CLI. */
export function setupRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      return c.json<SetupStatusJSON>({ needed: !(await anyOrganisationExists(db)) });
    })
    .post('/', valid('json', SetupRequest), async (c) => {
      const now = deps.clock.now();
      const { organisation, admin } = await createOrganisation(db, c.req.valid('json'), now, {
        onlyIfEmpty: true,
      });
      const session = await openSession(c, deps, {
        user: admin,
        organisation,
        kind: 'web',
        deviceId: null,
        now,
      });
      return c.json(session, 201);
    });
}
