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

  it('left the session, the users and the settings as they were, and logged no server error', async () => {
    expect((await admin.get('/api/auth/session')).status).toBe(200);
    const users = await admin.get<{ users: { username: string }[] }>('/api/users');
    expect(users.body.users.map((u) => u.username).sort()).toEqual(['ada', 'carl']);
    const settings = await admin.get('/api/organisation/pin-login');
    expect(settings.body).toMatchObject({ active: false, idleLockMinutes: 15 });
    expect(t.logLines.filter((l) => l.includes('"error"'))).toEqual([]);
  });
});
