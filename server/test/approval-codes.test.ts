import { describe, expect } from 'vitest';
import {
  APPROVAL_CODE_ALPHABET,
  formatApprovalCode,
  type ApprovalCodeDetailsJSON,
  type DeviceListJSON,
  type DeviceReplyJSON,
  type DeviceStateJSON,
  type SessionJSON,
} from '@tapin/shared';
import { LIVE_APPROVAL_CODES_MAX } from '../src/approval-codes/approval-code-policy.js';
import { insertRequest } from '../src/approval-codes/approval-code-repository.js';
import { describeUserAgent } from '../src/approval-codes/describe-user-agent.js';
import { applyRetention } from '../src/retention/apply-retention.js';
import { auditTypes, rowsOf, tablesOf } from './support/database.js';
import { CARA_PIN, test } from './support/fixtures.js';
import type { TestApp } from './support/test-app.js';
import { DEFAULT_SETUP, type Reply, type TestClient } from './support/test-client.js';
import { TestDevice } from './support/test-device.js';
import { createUser, loginAs } from './support/users.js';

const CHROME_ON_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const TEN_MINUTES = 10 * 60 * 1000;

/** A device that is not approved, and the code it was shown. */
const it = test
  .extend('asking', async ({ t, pinLogin }) => {
    expect(pinLogin.active).toBe(true);
    const device = await TestDevice.create(t);
    device.client.remoteAddress = '203.0.113.7';
    return device;
  })
  .extend('code', async ({ asking }) => {
    const res = await asking.askForApprovalCode(CHROME_ON_LINUX);
    if (res.status !== 201) throw new Error(`asking for a code failed: ${res.status} ${res.text}`);
    return res.body.code;
  })
  .extend('mona', async ({ t, admin }) => {
    await createUser(admin, { username: 'mona', name: 'Mona Manager', role: 'manager' });
    return loginAs(t, 'mona');
  });

const lookUp = (who: TestClient, code: string) =>
  who.post<ApprovalCodeDetailsJSON>('/api/approval-codes/look-up', { code });
const approve = (who: TestClient, code: string, name = 'Register 2') =>
  who.post<DeviceReplyJSON>('/api/approval-codes/approve', { code, name });
const stateOf = async (device: TestDevice) =>
  (await device.client.post<DeviceStateJSON>('/api/devices/state', { deviceId: device.id })).body;
const devicesOf = async (who: TestClient) => (await who.get<DeviceListJSON>('/api/devices')).body.devices;

function expectError(res: Reply, status: number, code: string): void {
  expect(res.status, res.text).toBe(status);
  expect(res.body).toMatchObject({ error: { code } });
}

/** A code of the right shape that is not `code`. */
function otherCode(code: string, n = 0): string {
  const a = APPROVAL_CODE_ALPHABET;
  const last = a[(a.indexOf(code.at(-1) ?? '2') + 1 + n) % a.length] ?? '2';
  const second = a[(a.indexOf(code.at(-2) ?? '2') + 1 + Math.floor(n / a.length)) % a.length] ?? '2';
  return code.slice(0, -2) + second + last;
}

describe('asking for a code', () => {
  it('returns 201 with an 8-character code of the alphabet, valid for 10 minutes', async ({ code }) => {
    expect(code).toMatch(new RegExp(`^[${APPROVAL_CODE_ALPHABET}]{8}$`));
  });

  it('returns 201 with validForSeconds 600', async ({ asking }) => {
    const res = await asking.askForApprovalCode();
    expect(res.status).toBe(201);
    expect(res.body.validForSeconds).toBe(600);
  });

  it('returns 400 device_proof_invalid for a public key signed by another key', async ({ t, asking }) => {
    const thief = await TestDevice.create(t);
    const challenge = await thief.challenge('approval');
    // The thief signs with its own key a request that names the other device's key.
    const proof = await thief.sign({
      purpose: 'tapin:request-approval-code',
      challenge,
      deviceId: asking.id,
    });
    const res = await thief.client.post('/api/approval-codes', { publicKey: asking.publicKey, proof });
    expectError(res, 400, 'device_proof_invalid');
  });

  it('returns 400 device_proof_invalid for a proof made to approve a device directly', async ({ asking }) => {
    const { publicKey, proof } = await asking.approvalRequest();
    expectError(
      await asking.client.post('/api/approval-codes', { publicKey, proof }),
      400,
      'device_proof_invalid',
    );
  });

  it('returns 409 pin_login_inactive when no organisation has Log in with PIN code on', async ({
    t,
    admin,
  }) => {
    expect(admin.cookie).toBeDefined();
    const device = await TestDevice.create(t);
    expect((await stateOf(device)).codeApproval).toBe(false);
    expectError(await device.askForApprovalCode(), 409, 'pin_login_inactive');
  });

  it('tells a device nobody knows that it may ask, and an approved one nothing', async ({
    asking,
    device,
  }) => {
    expect((await stateOf(asking)).codeApproval).toBe(true);
    expect((await stateOf(device)).codeApproval).toBeUndefined();
  });

  it("replaces the device's earlier code: the first returns 400 approval_code_invalid", async ({
    admin,
    asking,
    code,
  }) => {
    const second = await asking.askForApprovalCode();
    expect(second.status).toBe(201);
    expectError(await lookUp(admin, code), 400, 'approval_code_invalid');
    expect((await lookUp(admin, second.body.code)).status).toBe(200);
  });

  it('returns 429 rate_limited after 20 codes from one address, and 201 from another', async ({
    t,
    pinLogin,
  }) => {
    expect(pinLogin.active).toBe(true);
    const ask = async (ip: string) => {
      const device = await TestDevice.create(t);
      device.client.remoteAddress = ip;
      return device.askForApprovalCode();
    };
    const answers = await Promise.all(Array.from({ length: 24 }, () => ask('198.51.100.1')));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(20);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(4);
    expect(refused[0]?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await ask('198.51.100.2')).status).toBe(201);
  });

  it(`keeps at most ${LIVE_APPROVAL_CODES_MAX} codes waiting, even when asked in parallel`, async ({
    t,
    pinLogin,
  }) => {
    expect(pinLogin.active).toBe(true);
    await fillWithWaitingCodes(t, LIVE_APPROVAL_CODES_MAX - 2);
    const devices = await Promise.all(Array.from({ length: 12 }, () => TestDevice.create(t)));
    devices.forEach((d, i) => (d.client.remoteAddress = `192.0.2.${i + 1}`));
    const answers = await Promise.all(devices.map((d) => d.askForApprovalCode()));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(2);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(10);
    expect(answers.find((a) => a.status === 429)?.body).toMatchObject({ error: { code: 'rate_limited' } });
    // Once the waiting codes expire, there is room again.
    t.clock.advance(TEN_MINUTES);
    expect((await devices[0]?.askForApprovalCode())?.status).toBe(201);
  });
});

describe('entering a code', () => {
  it('returns 200 with what asked for it: browser, operating system, IP address, when', async ({
    t,
    admin,
    code,
  }) => {
    const res = await lookUp(admin, formatApprovalCode(code).toLowerCase());
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      browser: 'Chrome 156',
      operatingSystem: 'Linux',
      ip: '203.0.113.7',
      requestedAt: new Date(t.clock.now()).toISOString(),
      expiresAt: new Date(t.clock.now() + TEN_MINUTES).toISOString(),
      previousName: null,
    });
  });

  it('approves only the device that asked: it shows the PIN pad, logs in, and is listed by its name', async ({
    t,
    admin,
    asking,
    code,
    cara,
  }) => {
    expect(cara.loginMethod).toBe('pin_only');
    const bystander = await TestDevice.create(t);
    const res = await approve(admin, formatApprovalCode(code), 'Register 2');
    expect(res.status, res.text).toBe(201);
    expect(res.body.device).toMatchObject({ id: asking.id, name: 'Register 2', status: 'approved' });
    expect(await stateOf(asking)).toMatchObject({ state: 'approved', pinLoginActive: true });
    expect((await asking.pinLogin(CARA_PIN)).status).toBe(200);
    expect((await stateOf(bystander)).state).toBe('unknown');
    expect((await bystander.pinLogin(CARA_PIN)).status).toBe(401);
    expect((await devicesOf(admin)).map((d) => d.name)).toEqual(['Register 2']);
  });

  it('returns 400 approval_code_invalid to a second use of a code', async ({ admin, mona, code }) => {
    expect((await approve(admin, code)).status).toBe(201);
    expectError(await approve(admin, code), 400, 'approval_code_invalid');
    expectError(await lookUp(mona, code), 400, 'approval_code_invalid');
  });

  it('returns 410 approval_code_expired after 10 minutes, and 400 once retention removed it', async ({
    t,
    admin,
    code,
  }) => {
    t.clock.advance(TEN_MINUTES - 1);
    expect((await lookUp(admin, code)).status).toBe(200);
    t.clock.advance(1);
    expectError(await lookUp(admin, code), 410, 'approval_code_expired');
    expectError(await approve(admin, code), 410, 'approval_code_expired');
    t.clock.advance(60 * 60 * 1000 + 1);
    expect((await applyRetention(t.deps.database.db, t.clock.now())).approvalCodeRequests).toBe(1);
    // Ada's session has ended meanwhile; she logs in again.
    const ada = await loginAs(t, 'ada', DEFAULT_SETUP.password);
    expectError(await approve(ada, code), 400, 'approval_code_invalid');
    expect(await devicesOf(ada)).toEqual([]);
  });

  it('returns 400 approval_code_invalid to a code never given out', async ({ admin, code }) => {
    expectError(await lookUp(admin, otherCode(code)), 400, 'approval_code_invalid');
  });

  it('returns 400 bad_request for something that cannot be a code', async ({ admin }) => {
    const res = await lookUp(admin, 'IO01-IO01');
    expectError(res, 400, 'bad_request');
    expect(res.body).toMatchObject({ error: { field: 'code' } });
  });

  it('returns 403 forbidden to a cashier, and the device stays unapproved', async ({
    t,
    admin,
    asking,
    code,
  }) => {
    await createUser(admin, { username: 'carl' });
    const carl = await loginAs(t, 'carl');
    expectError(await lookUp(carl, code), 403, 'forbidden');
    expectError(await approve(carl, code), 403, 'forbidden');
    expect((await stateOf(asking)).state).toBe('unknown');
    expect((await approve(admin, code)).status).toBe(201);
  });

  it('returns 403 step_up_required to a PIN session, and 201 once it confirmed it is her', async ({
    adaOnRegister,
    code,
  }) => {
    const register = adaOnRegister.client;
    expectError(await lookUp(register, code), 403, 'step_up_required');
    expectError(await approve(register, code), 403, 'step_up_required');
    const up = await register.post<SessionJSON>('/api/auth/step-up', { password: DEFAULT_SETUP.password });
    expect(up.body.adminAccess).toBe(true);
    expect((await approve(register, code)).status).toBe(201);
  });

  it('returns 409 pin_login_inactive once the organisation deactivated it', async ({ admin, code }) => {
    expect((await admin.postCurrent('/api/organisation/pin-login/deactivate')).status).toBe(200);
    expectError(await lookUp(admin, code), 409, 'pin_login_inactive');
  });
});

describe('organisations', () => {
  /** Ben, a manager of the Bakery, which has Log in with PIN code on too. */
  async function bakeryManager(t: TestApp, bakery: TestClient): Promise<TestClient> {
    expect((await bakery.postCurrent('/api/organisation/pin-login/activate')).status).toBe(200);
    await createUser(bakery, { username: 'ben', name: 'Ben Baker', role: 'manager' });
    return loginAs(t, 'ben');
  }

  it("returns 400 approval_code_invalid to another organisation's manager once one organisation entered it", async ({
    t,
    admin,
    mona,
    bakery,
    asking,
    code,
  }) => {
    const ben = await bakeryManager(t, bakery);
    expect((await lookUp(mona, code)).status).toBe(200);
    expectError(await lookUp(ben, code), 400, 'approval_code_invalid');
    expectError(await approve(ben, code), 400, 'approval_code_invalid');
    expect(await devicesOf(bakery)).toEqual([]);
    expect((await approve(admin, code)).body.device?.id).toBe(asking.id);
  });

  it('approves into the organisation that entered the code first, and no other', async ({
    t,
    admin,
    bakery,
    asking,
    code,
  }) => {
    const ben = await bakeryManager(t, bakery);
    expect((await lookUp(ben, code)).status).toBe(200);
    expectError(await approve(admin, code), 400, 'approval_code_invalid');
    expect((await approve(ben, code, 'Bakery till')).status).toBe(201);
    expect((await devicesOf(bakery)).map((d) => [d.id, d.name])).toEqual([[asking.id, 'Bakery till']]);
    expect(await devicesOf(admin)).toEqual([]);
  });

  it("returns 400 approval_code_invalid to another organisation's manager for a revoked device's code", async ({
    t,
    admin,
    bakery,
    device,
  }) => {
    expect((await admin.postCurrent(`/api/devices/${device.id}/revoke`)).status).toBe(200);
    expect((await stateOf(device)).codeApproval).toBe(true);
    const { code } = (await device.askForApprovalCode()).body;
    const ben = await bakeryManager(t, bakery);
    expectError(await approve(ben, code), 400, 'approval_code_invalid');
    expect((await lookUp(admin, code)).body.previousName).toBe('Till 1');
    const again = await approve(admin, code, 'Till 1 again');
    expect(again.status).toBe(200);
    expect(again.body.device).toMatchObject({ id: device.id, name: 'Till 1 again', status: 'approved' });
  });
});

describe('at once', () => {
  it('approves once when one code is entered in parallel', async ({ t, admin, mona, asking, code }) => {
    const answers = await Promise.all([
      ...Array.from({ length: 4 }, (_, i) => approve(admin, code, `Admin ${i}`)),
      ...Array.from({ length: 4 }, (_, i) => approve(mona, code, `Mona ${i}`)),
    ]);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    for (const a of answers.filter((x) => x.status !== 201)) expectError(a, 400, 'approval_code_invalid');
    const devices = await devicesOf(admin);
    expect(devices.map((d) => d.id)).toEqual([asking.id]);
    const types = await auditTypes(t);
    expect(types.filter((x) => x === 'device.approved')).toHaveLength(1);
    expect(types.filter((x) => x === 'approval_code.approved')).toHaveLength(1);
  });

  it('lets one approver guess 10 codes, refusing the rest in parallel with 429, the right one too', async ({
    admin,
    code,
  }) => {
    const answers = await Promise.all(
      Array.from({ length: 25 }, (_, i) => lookUp(admin, otherCode(code, i))),
    );
    expect(answers.filter((a) => a.status === 400)).toHaveLength(10);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(15);
    expectError(await lookUp(admin, code), 429, 'rate_limited');
  });

  it("lets an organisation's approvers together guess 30 codes an hour", async ({ t, admin, code }) => {
    const approvers: TestClient[] = [admin];
    for (const name of ['m1', 'm2', 'm3']) {
      await createUser(admin, { username: name, role: 'manager' });
      approvers.push(await loginAs(t, name));
    }
    const guesses = approvers.flatMap((who, w) =>
      Array.from({ length: 10 }, (_, i) => lookUp(who, otherCode(code, w * 10 + i))),
    );
    const answers = await Promise.all(guesses);
    expect(answers.filter((a) => a.status === 400)).toHaveLength(30);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(10);
    // A manager who has not guessed yet is held by the organisation's limit too.
    await createUser(admin, { username: 'm4', role: 'manager' });
    expectError(await lookUp(await loginAs(t, 'm4'), code), 429, 'rate_limited');
    // An hour on, the limits are lifted (the code has expired meanwhile).
    t.clock.advance(60 * 60 * 1000);
    expectError(await lookUp(await loginAs(t, 'm1'), code), 410, 'approval_code_expired');
  });

  it('does not count codes that work against anyone', async ({ t, admin, pinLogin }) => {
    expect(pinLogin.active).toBe(true);
    for (let i = 0; i < 12; i++) {
      const device = await TestDevice.create(t);
      device.client.remoteAddress = `198.51.100.${i + 10}`;
      const { code } = (await device.askForApprovalCode()).body;
      expect((await lookUp(admin, code)).status).toBe(200);
      expect((await approve(admin, code, `Register ${i}`)).status).toBe(201);
    }
  });
});

describe('what is kept', () => {
  it('keeps no code in any row, log line or audit event, only its keyed hash', async ({ t, admin, code }) => {
    await lookUp(admin, otherCode(code));
    expect((await approve(admin, code)).status).toBe(201);
    const needles = [code, formatApprovalCode(code)];
    for (const table of await tablesOf(t.deps.database)) {
      const text = JSON.stringify(await rowsOf(t.deps.database, table));
      for (const needle of needles) expect(text, table.name).not.toContain(needle);
    }
    for (const needle of needles) expect(t.logLines.join('\n')).not.toContain(needle);
  });

  it('audits every step: asked for, wrong code, expired, approved', async ({ t, admin, asking, code }) => {
    t.clock.advance(1000);
    await lookUp(admin, otherCode(code));
    expect((await approve(admin, code)).status).toBe(201);
    const second = await TestDevice.create(t);
    const expired = (await second.askForApprovalCode()).body.code;
    t.clock.advance(TEN_MINUTES);
    await lookUp(admin, expired);
    const events = await t.deps.database.db
      .selectFrom('audit_events')
      .select(['type', 'device_id', 'ip', 'actor_user_id', 'detail'])
      .where('type', 'in', [
        'approval_code.requested',
        'approval_code.wrong',
        'approval_code.approved',
        'approval_code.expired',
      ])
      .orderBy('id')
      .execute();
    expect(events.map((e) => [e.type, e.device_id])).toEqual([
      ['approval_code.requested', asking.id],
      ['approval_code.wrong', null],
      ['approval_code.approved', asking.id],
      ['approval_code.expired', second.id],
    ]);
    // Asking is recorded from the device's address, without an actor; the rest name the approver.
    expect(events[0]).toMatchObject({ ip: '203.0.113.7', actor_user_id: null });
    expect(events.slice(1).every((e) => e.actor_user_id !== null)).toBe(true);
  });
});

/** Codes waiting for other devices, written straight to the table as if many had asked. */
async function fillWithWaitingCodes(t: TestApp, n: number): Promise<void> {
  const now = t.clock.now();
  for (let i = 0; i < n; i++) {
    await insertRequest(t.deps.database.db, {
      id: `filler-${i}`,
      code_hash: i.toString(16).padStart(64, '0'),
      device_id: `filler-device-${i}`.padEnd(43, 'x'),
      public_key_jwk: '{}',
      organisation_id: null,
      browser: 'Unknown browser',
      operating_system: 'Unknown operating system',
      ip: null,
      created_at: now,
      expires_at: now + TEN_MINUTES,
      approved_at: null,
      approved_by: null,
    });
  }
}

describe('what the approver is told about the browser', () => {
  it.each([
    [CHROME_ON_LINUX, 'Chrome 156', 'Linux'],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86',
      'Edge 131',
      'Windows',
    ],
    [
      'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      'Safari 17',
      'iPadOS',
    ],
    ['Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0', 'Firefox 128', 'Android'],
    [
      'Mozilla/5.0 (Linux; Android 13; SM-T220) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Safari/537.36',
      'Samsung Internet 25',
      'Android',
    ],
    [undefined, 'Unknown browser', 'Unknown operating system'],
  ])('describes %s as %s on %s', (userAgent, browser, operatingSystem) => {
    expect(describeUserAgent(userAgent)).toEqual({ browser, operatingSystem });
  });
});
