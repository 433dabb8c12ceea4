import type { SessionJSON, SetupRequest } from '@tapin/shared';
import { hashSessionToken } from '../../src/sessions/session-token.js';
import { ORIGIN, type TestApp } from './test-app.js';

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

/** A browser-like caller: keeps its session cookie and sends JSON with a same-origin Origin. */
export class TestClient {
  cookie: string | undefined;
  ip: string | undefined;
  /**
   * The socket address the request comes from, as Node's server would report it; unset, the app
   * sees no socket (as `app.request()` always does) and the client address is unknown.
   */
  remoteAddress: string | undefined;
  constructor(private readonly t: TestApp) {}

  async call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (method !== 'GET' && method !== 'HEAD') {
      h['content-type'] ??= 'application/json';
      h.origin ??= ORIGIN;
    }
    const env = this.remoteAddress
      ? { incoming: { socket: { remoteAddress: this.remoteAddress } } }
      : undefined;
    const res = await this.t.app.request(
      `${ORIGIN}${path}`,
      {
        method,
        headers: h,
        ...(method !== 'GET' && { body: typeof body === 'string' ? body : JSON.stringify(body ?? {}) }),
      },
      env,
    );
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const [pair] = setCookie.split(';');
      this.cookie = pair && !/=$/.test(pair) && !/Max-Age=0/i.test(setCookie) ? pair : undefined;
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: res.status, body: parsed as T, headers: res.headers, text };
  }

  get<T = unknown>(path: string) {
    return this.call<T>('GET', path);
  }
  post<T = unknown>(path: string, body?: unknown) {
    return this.call<T>('POST', path, body);
  }
  patch<T = unknown>(path: string, body?: unknown) {
    return this.call<T>('PATCH', path, body);
  }
  delete<T = unknown>(path: string, body?: unknown) {
    return this.call<T>('DELETE', path, body);
  }

  /**
   * A change to a user, a device or the organisation's settings, sent with the version the row
   * has now, as a form loaded just before would: PATCH for a form, POST for an action such as
   * Revoke or Activate. The version is read without a request of this client (which could be
   * refused and audited); a row that does not exist gets 1, so a refusal is still reached.
   */
  async patchCurrent<T = unknown>(path: string, body: Record<string, unknown> = {}) {
    return this.patch<T>(path, { version: await this.currentVersion(path), ...body });
  }
  async postCurrent<T = unknown>(path: string, body: Record<string, unknown> = {}) {
    return this.post<T>(path, { version: await this.currentVersion(path), ...body });
  }

  private async currentVersion(path: string): Promise<number> {
    const { db } = this.t.deps.database;
    const [, kind, id] = /^\/api\/(users|devices)\/([^/?]+)/.exec(path) ?? [];
    if (kind === 'users' && id) {
      const row = await db.selectFrom('users').select('version').where('id', '=', id).executeTakeFirst();
      return row?.version ?? 1;
    }
    if (kind === 'devices' && id) {
      const row = await db.selectFrom('devices').select('version').where('id', '=', id).executeTakeFirst();
      return row?.version ?? 1;
    }
    if (path.startsWith('/api/organisation/pin-login')) {
      const token = this.cookie?.split('=')[1];
      const row = await db
        .selectFrom('sessions')
        .innerJoin('organisations', 'organisations.id', 'sessions.organisation_id')
        .select('organisations.version')
        .where('sessions.token_hash', '=', hashSessionToken(token ?? ''))
        .executeTakeFirst();
      return row?.version ?? 1;
    }
    throw new Error(`no versioned row behind ${path}`);
  }

  async login(username: string, password: string): Promise<Reply<SessionJSON>> {
    return this.post<SessionJSON>('/api/auth/login', { username, password });
  }
}

export const DEFAULT_SETUP: SetupRequest = {
  organisationName: 'Corner Shop',
  name: 'Ada Admin',
  username: 'ada',
  password: 'correct horse battery',
};

/**
 * Runs first-run setup with the setup token (the test app has no socket, so no request of it comes
 * from localhost) and returns a client logged in as the first admin.
 */
export async function setUpOrganisation(
  t: TestApp,
  setup: SetupRequest = DEFAULT_SETUP,
): Promise<TestClient> {
  const admin = new TestClient(t);
  const res = await admin.post('/api/setup', { ...setup, setupToken: t.deps.setupToken });
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${res.text}`);
  return admin;
}

/** A further organisation (setup only runs on an empty database), with its admin logged in. */
export async function addOrganisation(t: TestApp, setup: SetupRequest): Promise<TestClient> {
  const { createOrganisation } = await import('../../src/setup/create-organisation.js');
  await createOrganisation(t.deps.database.db, setup, t.clock.now(), { onlyIfEmpty: false });
  const admin = new TestClient(t);
  const res = await admin.login(setup.username, setup.password);
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  return admin;
}
