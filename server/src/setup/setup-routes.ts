import { Hono } from 'hono';
import { FirstRunSetupRequest, type SetupStatusJSON } from '@tapin/shared';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { fromLocalhost } from '../http/from-localhost.js';
import { valid } from '../http/validate.js';
import { anyOrganisationExists } from '../organisation/organisation-repository.js';
import { openSession } from '../sessions/open-session.js';
import { firstRunSetup } from './first-run-setup.js';

/**
 * First run: only while the database holds no organisation, and only from localhost or with the
 * setup token. Further organisations come from the CLI.
 */
export function setupRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      return c.json<SetupStatusJSON>({ needed: !(await anyOrganisationExists(db)) });
    })
    .post('/', valid('json', FirstRunSetupRequest), async (c) => {
      const now = deps.clock.now();
      const { organisation, admin } = await firstRunSetup(db, {
        request: c.req.valid('json'),
        setupToken: deps.setupToken,
        fromLocalhost: fromLocalhost(c),
        now,
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
