import { describe, expect } from 'vitest';
import type { AuditPageJSON, UserJSON } from '@tapin/shared';
import { rowsOf, tablesOf } from './support/database.js';
import { test } from './support/fixtures.js';
import type { TestApp } from './support/test-app.js';
import { type Reply, TestClient } from './support/test-client.js';
import { TestDevice } from './support/test-device.js';
import { newUserBody } from './support/users.js';

/** A client that keeps every response it receives, headers included. */
class RecordingClient extends TestClient {
  constructor(
    t: TestApp,
    private readonly seen: string[],
  ) {
    super(t);
  }
  override async call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const res = await super.call<T>(method, path, body, headers);
    this.seen.push(`${method} ${path} ${res.status} ${JSON.stringify([...res.headers])} ${res.text}`);
    return res;
  }
}

// Distinctive PINs, none of which occurs in the test clock's timestamps.
const PINS = ['58316', '04927', '91852', '26074', '83519', '07742'];
const WRONG_PIN = '39461';
const NOT_A_PIN = '704291';

/** `responses` holds every response to `recorder`, which is Ada's session (`admin`) recording. */
const it = test
  .extend('responses', async (): Promise<string[]> => [])
  .extend('recorder', async ({ t, admin, responses }) => {
    const recorder = new RecordingClient(t, responses);
    recorder.cookie = admin.cookie;
    return recorder;
  });

/** Finds `pin` as a number of its own, not as part of a longer run of digits. */
function containsPin(text: string, pin: string): boolean {
  return new RegExp(`(?<![0-9])${pin}(?![0-9])`).test(text);
}

describe('a PIN is never sent back, logged or audited', () => {
  it('returns no PIN in any response, log line or audit row after PINs are set, changed, refused and used', async ({
    t,
    recorder,
    responses,
  }) => {
    const [p0, p1, p2, p3, p4, p5] = PINS as [string, string, string, string, string, string];
    const created = await recorder.post<{ user: UserJSON }>(
      '/api/users',
      newUserBody({ username: 'anna', loginMethod: 'pin_only', pin: p0 }),
    );
    expect(created.status).toBe(201);
    const bert = await recorder.post<{ user: UserJSON }>(
      '/api/users',
      newUserBody({ username: 'bert', loginMethod: 'password_and_pin', pin: p1 }),
    );
    expect(bert.status).toBe(201);
    const cleo = await recorder.post<{ user: UserJSON }>('/api/users', newUserBody({ username: 'cleo' }));
    expect(cleo.status).toBe(201);

    // Changed, set on a user without one, and cleared.
    expect((await recorder.patchCurrent(`/api/users/${bert.body.user.id}`, { pin: p2 })).status).toBe(200);
    expect(
      (
        await recorder.patchCurrent(`/api/users/${cleo.body.user.id}`, {
          loginMethod: 'password_and_pin',
          pin: p3,
        })
      ).status,
    ).toBe(200);
    expect(
      (await recorder.patchCurrent(`/api/users/${cleo.body.user.id}`, { loginMethod: 'password' })).status,
    ).toBe(200);
    expect(
      (
        await recorder.patchCurrent(`/api/users/${cleo.body.user.id}`, {
          loginMethod: 'password_and_pin',
          pin: p4,
        })
      ).status,
    ).toBe(200);

    // Refused: a PIN that is taken, a PIN for a method without one, and not a PIN at all.
    expect((await recorder.patchCurrent(`/api/users/${bert.body.user.id}`, { pin: p0 })).status).toBe(409);
    expect(
      (await recorder.post('/api/users', { ...newUserBody({ username: 'dave' }), pin: p5 })).status,
    ).toBe(400);
    expect((await recorder.patchCurrent(`/api/users/${bert.body.user.id}`, { pin: NOT_A_PIN })).status).toBe(
      400,
    );

    // Used: PIN login with a right and a wrong PIN on an approved device.
    // Activated and approved through the recording client, so those answers are searched too.
    expect((await recorder.postCurrent('/api/organisation/pin-login/activate', {})).status).toBe(200);
    const device = await TestDevice.create(t);
    expect((await device.approveWith(recorder)).status).toBe(201);
    const deviceResponses: Reply[] = [];
    deviceResponses.push(await device.pinLogin(WRONG_PIN));
    deviceResponses.push(await device.pinLogin(p0));
    expect(deviceResponses.map((r) => r.status)).toEqual([401, 200]);
    for (const r of deviceResponses)
      responses.push(`${r.status} ${JSON.stringify([...r.headers])} ${r.text}`);

    // The recorder reads the users and the audit log.
    const list = await recorder.get<{ users: UserJSON[] }>('/api/users');
    expect(
      list.body.users
        .filter((u) => u.hasPin)
        .map((u) => u.username)
        .sort(),
    ).toEqual(['anna', 'bert', 'cleo']);
    const log = await recorder.get<AuditPageJSON>('/api/audit');
    expect(log.status).toBe(200);
    const types = log.body.events.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['user.pin_set', 'user.pin_cleared', 'user.pin_conflict', 'login.pin_failed']),
    );

    const auditRows = await t.deps.database.db.selectFrom('audit_events').selectAll().execute();
    expect(auditRows.length).toBeGreaterThan(5);
    const auditTexts = auditRows.map((r) => JSON.stringify(r));

    expect(responses.length).toBeGreaterThan(10);
    for (const pin of [...PINS, WRONG_PIN, NOT_A_PIN]) {
      for (const text of responses)
        expect(containsPin(text, pin), `response leaks ${pin}: ${text}`).toBe(false);
      for (const line of t.logLines) expect(containsPin(line, pin), `log leaks ${pin}: ${line}`).toBe(false);
      for (const row of auditTexts)
        expect(containsPin(row, pin), `audit row leaks ${pin}: ${row}`).toBe(false);
    }
  });

  it('stores no PIN in plain text anywhere in the database', async ({ t, recorder }) => {
    const pins = PINS.slice(0, 3);
    for (const [i, pin] of pins.entries()) {
      const res = await recorder.post(
        '/api/users',
        newUserBody({ username: `user${i}`, loginMethod: 'pin_only', pin }),
      );
      expect(res.status).toBe(201);
    }
    const { db } = t.deps.database;
    // Every table the migrations made, read from the database, so a new table is scanned too.
    const tables = await tablesOf(t.deps.database);
    expect(tables.map((table) => table.name)).toEqual(
      expect.arrayContaining(['users', 'sessions', 'audit_events', 'passkeys', 'webauthn_challenges']),
    );
    let rows = 0;
    for (const table of tables) {
      for (const row of await rowsOf(t.deps.database, table)) {
        rows++;
        // Hex digests are checked for their form below; by chance they may hold any digit run.
        const text = JSON.stringify(row, (k, v: unknown) =>
          k === 'pin_hmac' || k === 'token_hash' ? '[digest]' : v,
        );
        for (const pin of pins)
          expect(containsPin(text, pin), `${table.name} holds ${pin}: ${text}`).toBe(false);
      }
    }
    expect(rows).toBeGreaterThan(pins.length);
    const hmacs = await db.selectFrom('users').select('pin_hmac').where('pin_hmac', 'is not', null).execute();
    expect(hmacs).toHaveLength(3);
    for (const { pin_hmac } of hmacs) expect(pin_hmac).toMatch(/^[0-9a-f]{64}$/);
  });
});
