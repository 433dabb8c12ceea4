import { Hono } from 'hono';
import {
  CreateUserRequest,
  EmptyRequest,
  UpdateUserRequest,
  UserIdParam,
  type OkJSON,
  type UserListJSON,
  type UserReplyJSON,
} from '@tapin/shared';
import { requireAccess } from '../access/require-access.js';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { valid } from '../http/validate.js';
import { pinPeppers } from '../pins/pin-peppers.js';
import { createUser } from './create-user.js';
import { deleteUser } from './delete-user.js';
import { updateUser } from './update-user.js';
import { userJSON } from './user-json.js';
import { userOfActor } from './user-of-actor.js';
import { listUsers } from './user-repository.js';

/** My account > Users. Every query is scoped to the acting user's organisation. */
export function userRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const admin = requireAccess(deps, 'admin');
  return new Hono<AppEnv>()
    .get('/', admin, async (c) => {
      const users = await listUsers(db, c.var.actor.organisation.id);
      return c.json<UserListJSON>({ users: users.map(userJSON) });
    })
    .get('/:id', admin, valid('param', UserIdParam), async (c) => {
      const user = await userOfActor(db, c.var.actor, c.req.valid('param').id);
      return c.json<UserReplyJSON>({ user: userJSON(user) });
    })
    .post('/', admin, valid('json', CreateUserRequest), async (c) => {
      const user = await createUser(db, c.var.actor, pinPeppers(deps.secrets), c.req.valid('json'));
      return c.json<UserReplyJSON>({ user }, 201);
    })
    .patch('/:id', admin, valid('param', UserIdParam), valid('json', UpdateUserRequest), async (c) => {
      const user = await updateUser(
        db,
        c.var.actor,
        pinPeppers(deps.secrets),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return c.json<UserReplyJSON>({ user });
    })
    .delete('/:id', admin, valid('param', UserIdParam), valid('json', EmptyRequest), async (c) => {
      await deleteUser(db, c.var.actor, c.req.valid('param').id);
      return c.json<OkJSON>({ ok: true });
    });
}
