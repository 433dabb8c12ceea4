import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '@tapin/shared';
import { snapshotDatabase } from './support/database.js';
import { ORIGIN, createTestApp, type TestApp } from './support/test-app.js';
import { DEVICE_ID, ROWS, type Row } from './support/mutating-routes.js';
import { type Reply, type TestClient, setUpOrganisation } from './support/test-client.js';
import { TestDevice } from './support/test-device.js';
import { createUser } from './support/users.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let t: TestApp;
let admin: TestClient;
let userId: string;
let deviceId: string;
/**
 * Every mutating route the app registers: the table's row where there is one, otherwise a generic
 * row (routes added later get the checks that need no knowledge of their body).
 */
let registered: Row[] = [];

beforeAll(async () => {
  t = await createTestApp();
  admin = await setUpOrganisation(t);
  userId = (await createUser(admin, { username: 'carl', loginMethod: 'password_and_pin', pin: '11111' })).id;
  const device = await TestDevice.create(t);
  expect((await device.approveWith(admin)).status).toBe(201);
  deviceId = device.id;
  const listed = new Map(ROWS.map((r) => [`${r.method} ${r.route}`, r]));
  const seen = new Set<string>();
  registered = [];
  for (const r of t.app.routes) {
    const key = `${r.method} ${r.path}`;
    if (!MUTATING.has(r.method) || !r.path.startsWith('/api/') || seen.has(key)) continue;
    seen.add(key);
    registered.push(
      listed.get(key) ?? {
        method: r.method as Row['method'],
        route: r.path,
        path: r.path.replace(/:[A-Za-z]+/g, DEVICE_ID),
        valid: {},
        wrongType: [],
      },
    );
  }
});
afterAll(async () => {
  await t.close();
});

function pathOf(row: Row): string {
  return row.path.replace(':user', userId).replace(':device', deviceId);
}

/** A raw request with the admin's cookie and exactly the headers given. */
async function send(row: Row, body: string, headers: Record<string, string>): Promise<Reply> {
  const h: Record<string, string> = { ...headers };
  if (admin.cookie) h.cookie = admin.cookie;
  const res = await t.app.request(`${ORIGIN}${pathOf(row)}`, { method: row.method, headers: h, body });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed, headers: res.headers, text };
}

const JSON_HEADERS = { 'content-type': 'application/json', origin: ORIGIN };

/** Sends a bad request and checks the answer and that nothing was written. */
async function expectRefused(
  row: Row,
  body: string,
  headers: Record<string, string>,
  status: number,
  code: string,
): Promise<Reply> {
  const before = await snapshotDatabase(t);
  const res = await send(row, body, headers);
  expect(res.status, `${row.method} ${row.path}: ${res.text}`).toBe(status);
  expect(res.body).toMatchObject({ error: { code, message: expect.any(String) as string } });
  expect(res.text).not.toMatch(/at .*\.ts:\d+|stack/i);
  expect(await snapshotDatabase(t)).toEqual(before);
  return res;
}

function oversized(row: Row): string {
  // Valid JSON of the right shape, just too big.
  const filler = 'x'.repeat(MAX_BODY_BYTES + 1);
  return JSON.stringify({ ...row.valid, name: filler });
}

function withProtoKey(valid: Record<string, unknown>): string {
  const rest = JSON.stringify(valid).slice(1);
  return `{"__proto__":{"role":"admin"}${rest === '}' ? '' : ','}${rest}`;
}

/** What no text column can hold: a NUL, and each half of a surrogate pair on its own. */
const UNSTORABLE = ['\u0000', '\uD83D', '\uDE00x'];
/** The same in a URL (the surrogate as the UTF-8 its code point would have), and a very long one. */
const PATH_VARIANTS = ['%00', 'a%00b', '%ED%A0%BD', '%F0%9F', 'x'.repeat(2000)];

type Path = (string | number)[];

/** The path of every string in a body, nested ones included. */
function stringPaths(value: unknown, path: Path = []): Path[] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...path, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...path, k]));
  return [];
}

/** A copy of `value` with the string at `path` changed by `change`. */
function replacedAt(value: unknown, path: Path, change: (s: string) => string): unknown {
  if (path.length === 0) return change(value as string);
  const [head, ...rest] = path as [string | number, ...Path];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = replacedAt(copy[head], rest, change);
  return copy;
}

describe('bad input on every mutating route', () => {
  it('has a row for every mutating route the app registers, or checks it generically', () => {
    const registered = new Set(
      t.app.routes
        .filter((r) => MUTATING.has(r.method) && r.path.startsWith('/api/'))
        .map((r) => `${r.method} ${r.path}`),
    );
    expect(registered.size).toBeGreaterThanOrEqual(ROWS.length);
    for (const row of ROWS)
      expect(registered, `${row.method} ${row.route} is not a route`).toContain(`${row.method} ${row.route}`);
  });

  describe.each(ROWS)('$method $path', (row) => {
    it('returns 400 invalid_json for malformed JSON', async () => {
      await expectRefused(row, '{"name": ', JSON_HEADERS, 400, 'invalid_json');
      await expectRefused(row, "{'name': 'x'}", JSON_HEADERS, 400, 'invalid_json');
      await expectRefused(row, '', JSON_HEADERS, 400, 'invalid_json');
    });

    it('returns 400 bad_request for a value of the wrong type', async () => {
      const res = await expectRefused(row, JSON.stringify(row.wrongType), JSON_HEADERS, 400, 'bad_request');
      if (row.wrongField) expect(res.body).toMatchObject({ error: { field: row.wrongField } });
    });

    it('returns 400 bad_request for an unknown field', async () => {
      const res = await expectRefused(
        row,
        JSON.stringify({ ...row.valid, isAdmin: true }),
        JSON_HEADERS,
        400,
        'bad_request',
      );
      expect(res.text).toContain('isAdmin');
      await expectRefused(row, withProtoKey(row.valid), JSON_HEADERS, 400, 'bad_request');
    });

    it('returns 400 bad_request for a deeply nested body', async () => {
      const depth = 4000;
      await expectRefused(row, '['.repeat(depth) + ']'.repeat(depth), JSON_HEADERS, 400, 'bad_request');
    });

    it(`returns 413 payload_too_large for a body over ${MAX_BODY_BYTES} bytes`, async () => {
      const body = oversized(row);
      await expectRefused(row, body, JSON_HEADERS, 413, 'payload_too_large');
      await expectRefused(
        row,
        body,
        { ...JSON_HEADERS, 'content-length': String(Buffer.byteLength(body)) },
        413,
        'payload_too_large',
      );
    });

    it.each([
      ['text/plain', 'text/plain'],
      ['form-urlencoded', 'application/x-www-form-urlencoded'],
      ['multipart', 'multipart/form-data; boundary=x'],
      ['a JSON look-alike', 'application/jsonp'],
    ])('returns 415 unsupported_media_type for %s', async (_name, type) => {
      const body = type.includes('urlencoded') ? 'name=x' : JSON.stringify(row.valid);
      await expectRefused(row, body, { 'content-type': type, origin: ORIGIN }, 415, 'unsupported_media_type');
    });

    it('returns 415 unsupported_media_type without a content type', async () => {
      await expectRefused(row, JSON.stringify(row.valid), { origin: ORIGIN }, 415, 'unsupported_media_type');
    });

    it.each([
      ['a foreign Origin', 'https://evil.example'],
      ['another port', 'http://localhost:8080'],
      ['https instead of http', 'https://localhost'],
      ['the null Origin', 'null'],
    ])('returns 403 forbidden_origin for %s', async (_name, origin) => {
      await expectRefused(
        row,
        JSON.stringify(row.valid),
        { 'content-type': 'application/json', origin },
        403,
        'forbidden_origin',
      );
    });

    it('returns 403 forbidden_origin without an Origin', async () => {
      await expectRefused(
        row,
        JSON.stringify(row.valid),
        { 'content-type': 'application/json' },
        403,
        'forbidden_origin',
      );
    });
  });

  it('refuses bad input on every registered mutating route, listed or not, never with a 5xx', async () => {
    expect(registered.length).toBeGreaterThanOrEqual(ROWS.length);
    for (const row of registered) {
      for (const [body, headers, status] of [
        [oversized(row), JSON_HEADERS, 413],
        ['a=b', { 'content-type': 'text/plain', origin: ORIGIN }, 415],
        ['{}', { 'content-type': 'application/json', origin: 'https://evil.example' }, 403],
        ['{}', { 'content-type': 'application/json' }, 403],
      ] as const) {
        const res = await send(row, body, headers);
        expect(res.status, `${row.method} ${row.path}`).toBe(status);
      }
      for (const body of ['{"a":', '[]', '{"isAdmin":true}']) {
        const before = await snapshotDatabase(t);
        const res = await send(row, body, JSON_HEADERS);
        expect(res.status, `${row.method} ${row.path} ${body}: ${res.text}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${row.method} ${row.path} ${body}: ${res.text}`).toBeLessThan(500);
        expect(await snapshotDatabase(t)).toEqual(before);
      }
    }
  });

  it('returns 400 bad_request for a NUL or a broken surrogate pair in any string of any body, and changes nothing', async () => {
    let checked = 0;
    for (const row of ROWS) {
      for (const path of stringPaths(row.valid)) {
        for (const bad of UNSTORABLE) {
          const body = JSON.stringify(replacedAt(row.valid, path, (s) => s + bad));
          const res = await expectRefused(row, body, JSON_HEADERS, 400, 'bad_request');
          expect(res.body, `${row.method} ${row.path} ${path.join('.')}`).toMatchObject({
            error: { field: path.join('.') },
          });
          checked++;
        }
      }
    }
    // Most bodies carry strings; the walk must have found them.
    expect(checked).toBeGreaterThan(60);
  });

  it('answers a NUL, a broken surrogate or an overlong value in any path parameter or query of any route without a 5xx', async () => {
    const routes = new Map<string, { method: string; path: string }>();
    for (const r of t.app.routes)
      if (r.path.startsWith('/api/') && r.method !== 'ALL') routes.set(`${r.method} ${r.path}`, r);
    let checked = 0;
    for (const { method, path } of routes.values()) {
      const params = path.match(/:[A-Za-z]+/g) ?? [];
      const variants = [
        ...PATH_VARIANTS.flatMap((v) => (params.length > 0 ? [path.replace(/:[A-Za-z]+/g, v)] : [])),
        // Queries only where nothing is written: a mutating route would act on its valid body.
        ...(MUTATING.has(method)
          ? []
          : PATH_VARIANTS.map((v) => `${path.replace(/:[A-Za-z]+/g, deviceId)}?before=${v}&page=${v}`)),
      ];
      for (const requested of variants) {
        const before = await snapshotDatabase(t);
        const res = await t.app.request(`${ORIGIN}${requested}`, {
          method,
          headers: { ...JSON_HEADERS, cookie: admin.cookie ?? '' },
          ...(MUTATING.has(method) && { body: '{}' }),
        });
        expect(res.status, `${method} ${requested}: ${await res.clone().text()}`).toBeLessThan(500);
        if (MUTATING.has(method)) expect(await snapshotDatabase(t)).toEqual(before);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('left the session, the users and the settings as they were, and logged no server error', async () => {
    expect((await admin.get('/api/auth/session')).status).toBe(200);
    const users = await admin.get<{ users: { username: string }[] }>('/api/users');
    expect(users.body.users.map((u) => u.username).sort()).toEqual(['ada', 'carl']);
    const settings = await admin.get('/api/organisation/pin-login');
    expect(settings.body).toMatchObject({ active: false, idleLockMinutes: 15 });
    expect(t.logLines.filter((l) => l.includes('"error"'))).toEqual([]);
  });
});

describe('strings at their limits on every route', () => {
  let t: TestApp;
  let admin: TestClient;
  let userId: string;
  let deviceId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await setUpOrganisation(t);
    userId = (await createUser(admin, { username: 'carl' })).id;
    const device = await TestDevice.create(t);
    expect((await device.approveWith(admin)).status).toBe(201);
    deviceId = device.id;
  });
  afterAll(async () => {
    await t.close();
  });

  const withLongest = ROWS.filter((row) => row.longest !== undefined);

  it('has a longest body for every route whose body has strings', () => {
    expect(withLongest.map((r) => `${r.method} ${r.route}`)).toEqual(
      ROWS.filter((r) => stringPaths(r.valid).length > 0).map((r) => `${r.method} ${r.route}`),
    );
  });

  it.each(withLongest)(
    '$method $path answers every string at its limit, and one past it, without a 5xx',
    async (row) => {
      const longest = row.longest ?? {};
      const logged = t.logLines.length;
      const url = `${ORIGIN}${row.path.replace(':user', userId).replace(':device', deviceId)}`;
      const send = async (body: unknown) => {
        const res = await t.app.request(url, {
          method: row.method,
          headers: { ...JSON_HEADERS, cookie: admin.cookie ?? '' },
          body: JSON.stringify(body),
        });
        return { status: res.status, text: await res.text() };
      };
      const atLimit = await send(longest);
      expect(atLimit.status, atLimit.text).toBeLessThan(500);
      expect(atLimit.status, atLimit.text).not.toBe(413);
      for (const path of stringPaths(longest)) {
        const over = await send(replacedAt(longest, path, (s) => s + 'Ö'));
        expect(over.status, `${path.join('.')}: ${over.text}`).toBeLessThan(500);
      }
      expect(t.logLines.slice(logged).filter((l) => l.includes('"error"'))).toEqual([]);
    },
  );
});
