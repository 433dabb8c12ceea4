import type { CreateUserRequest, LoginMethod, Role, SessionJSON, UserJSON } from '@tapin/shared';
import type { TestApp } from './test-app.js';
import { TestClient, type Reply } from './test-client.js';

export const STAFF_PASSWORD = 'staff password 1';

export interface NewUserInput {
  name?: string;
  username: string;
  role?: Role;
  loginMethod?: LoginMethod;
  pin?: string;
  password?: string;
}

/** The request body for a new user, with a password whenever the login method takes one. */
export function newUserBody(input: NewUserInput): CreateUserRequest {
  const loginMethod = input.loginMethod ?? 'password';
  return {
    name: input.name ?? `Staff ${input.username}`,
    username: input.username,
    role: input.role ?? 'cashier',
    loginMethod,
    ...(input.pin !== undefined && { pin: input.pin }),
    ...(loginMethod !== 'pin_only' && { password: input.password ?? STAFF_PASSWORD }),
  };
}

/** Creates a user through the API as `actor` and fails the test if that is refused. */
export async function createUser(actor: TestClient, input: NewUserInput): Promise<UserJSON> {
  const res = await actor.post<{ user: UserJSON }>('/api/users', newUserBody(input));
  if (res.status !== 201) throw new Error(`creating ${input.username} failed: ${res.status} ${res.text}`);
  return res.body.user;
}

/** A new client logged in with a password. */
export async function loginAs(t: TestApp, username: string, password = STAFF_PASSWORD): Promise<TestClient> {
  const client = new TestClient(t);
  const res = await client.login(username, password);
  if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${res.text}`);
  return client;
}

export async function sessionOf(client: TestClient): Promise<SessionJSON> {
  const res = await client.get<SessionJSON>('/api/auth/session');
  if (res.status !== 200) throw new Error(`no session: ${res.status} ${res.text}`);
  return res.body;
}

export async function getUser(client: TestClient, id: string): Promise<Reply<{ user: UserJSON }>> {
  return client.get<{ user: UserJSON }>(`/api/users/${id}`);
}

export async function countUsers(t: TestApp): Promise<number> {
  const row = await t.deps.database.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
