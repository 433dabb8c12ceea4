import * as z from 'zod/mini';
import { text } from './text.js';
import { changesSomething, Id, IsoDateTime, Password, PersonName, RowVersion, Username } from './fields.js';
import { LoginMethod } from './login-method.js';
import { Pin } from './pin.js';
import { Role } from './roles.js';

/** A user as the API shows it. The PIN itself is never sent: only whether one is set. */
export const UserJSON = z.object({
  id: Id,
  name: text(),
  username: text(),
  role: Role,
  loginMethod: LoginMethod,
  hasPin: z.boolean(),
  hasPassword: z.boolean(),
  createdAt: IsoDateTime,
  version: RowVersion,
});
export type UserJSON = z.infer<typeof UserJSON>;

export const UserReplyJSON = z.object({ user: UserJSON });
export type UserReplyJSON = z.infer<typeof UserReplyJSON>;
export const UserListJSON = z.object({ users: z.array(UserJSON) });
export type UserListJSON = z.infer<typeof UserListJSON>;

export const CreateUserRequest = z.strictObject({
  name: PersonName,
  username: Username,
  role: Role,
  loginMethod: LoginMethod,
  pin: z.optional(Pin),
  password: z.optional(Password),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

/**
 * Every field optional; `pin` and `password` replace the current one when given. `version` is the
 * user's version the form was loaded with: a user changed since is not overwritten.
 */
export const UpdateUserRequest = z
  .strictObject({
    version: RowVersion,
    name: z.optional(PersonName),
    username: z.optional(Username),
    role: z.optional(Role),
    loginMethod: z.optional(LoginMethod),
    pin: z.optional(Pin),
    password: z.optional(Password),
  })
  .check(z.refine(changesSomething, 'Nothing to change'));
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

export const UserIdParam = z.strictObject({ id: Id });
