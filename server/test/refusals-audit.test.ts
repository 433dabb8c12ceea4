import { describe, expect } from 'vitest';
import type { AuditEventJSON, AuditPageJSON } from '@tapin/shared';
import { auditTypes } from './support/database.js';
import { test } from './support/fixtures.js';
import { TestClient } from './support/test-client.js';
import { TestDevice } from './support/test-device.js';
import { createUser, loginAs, newUserBody } from './support/users.js';

/** Mona, a manager logged in with a password. */
const it = test.extend('manager', async ({ t, admin }) => {
  await createUser(admin, { username: 'mona', name: 'Mona Manager', role: 'manager' });
  return loginAs(t, 'mona');
});

async function refusals(admin: TestClient): Promise<AuditEventJSON[]> {
  const res = await admin.get<AuditPageJSON>('/api/audit');
  expect(res.status).toBe(200);
  return res.body.events.filter((e) => e.type === 'access.refused');
}

describe('refused privileged actions in the audit log', () => {
  it("returns 403 to a manager's eleven escalation attempts, and the admin sees each as access.refused", async ({
    admin,
    adminId,
    manager,
  }) => {
    const mona = (await manager.get<{ user: { id: string } }>('/api/auth/session')).body.user.id;
    const carl = await createUser(admin, { username: 'carl' });
    const attempts: [string, string, unknown, string | null][] = [
      ['PATCH', `/api/users/${adminId}`, { version: 1, role: 'cashier' }, adminId],
      [
        'PATCH',
        `/api/users/${adminId}`,
        { version: 1, loginMethod: 'password_and_pin', pin: '22222' },
        adminId,
      ],
      ['PATCH', `/api/users/${adminId}`, { version: 1, loginMethod: 'pin_only', pin: '33333' }, adminId],
      ['PATCH', `/api/users/${adminId}`, { version: 1, password: 'manager chose this' }, adminId],
      ['PATCH', `/api/users/${adminId}`, { version: 1, username: 'ada2' }, adminId],
      ['PATCH', `/api/users/${adminId}`, { version: 1, name: 'Not Ada' }, adminId],
      ['DELETE', `/api/users/${adminId}`, {}, adminId],
      ['POST', '/api/users', newUserBody({ username: 'newadmin', role: 'admin' }), null],
      ['PATCH', `/api/users/${carl.id}`, { version: 1, role: 'admin' }, carl.id],
      ['PATCH', `/api/users/${mona}`, { version: 1, role: 'admin' }, mona],
      ['GET', '/api/audit', undefined, null],
    ];
    for (const [method, path, body] of attempts) {
      const res = await manager.call(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
    }
    const events = (await refusals(admin)).reverse();
    expect(events).toHaveLength(attempts.length);
    events.forEach((e, i) => {
      const [method, path, body, target] = attempts[i] ?? [];
      expect(e.actor).toEqual({ id: mona, name: 'Mona Manager' });
      expect(e.target?.id ?? null).toBe(target);
      expect(e.detail).toMatchObject({ code: 'forbidden', reason: expect.any(String) as string });
      expect(String(e.detail.action)).toMatch(new RegExp(`^${method} /api/`));
      if (body && Object.keys(body).length > 0 && path !== '/api/audit') {
        expect(e.detail.fields).toBe(Object.keys(body).sort().join(','));
      }
    });
    // Field names only: no value the manager sent is kept.
    const text = JSON.stringify(events);
    for (const secret of ['22222', '33333', 'manager chose this']) expect(text).not.toContain(secret);
  });

  it("returns 404 to an admin who names another organisation's user, audited without that user's name", async ({
    t,
    admin,
    bakery,
  }) => {
    const bea = (await bakery.get<{ user: { id: string } }>('/api/auth/session')).body.user.id;
    const before = (await auditTypes(t)).length;
    const res = await admin.patchCurrent(`/api/users/${bea}`, { role: 'cashier' });
    expect(res.status).toBe(404);
    const [refused] = await refusals(admin);
    expect(refused).toMatchObject({
      target: null,
      detail: { code: 'not_found', action: 'PATCH /api/users/:id', targetId: bea },
    });
    expect(JSON.stringify(refused)).not.toContain('Bea');
    expect((await auditTypes(t)).length).toBe(before + 1);
    // The other organisation's log holds nothing of it.
    const theirs = await bakery.get<AuditPageJSON>('/api/audit');
    expect(theirs.body.events.map((e) => e.type)).not.toContain('access.refused');
  });

  it('returns 403 to a cashier approving a device, audited as access.refused', async ({ t, admin }) => {
    await createUser(admin, { username: 'carl' });
    const cashier = await loginAs(t, 'carl');
    const res = await (await TestDevice.create(t)).approveWith(cashier);
    expect(res.status).toBe(403);
    const [refused] = await refusals(admin);
    expect(refused).toMatchObject({
      actor: { name: 'Staff carl' },
      detail: { action: 'POST /api/devices/approve' },
    });
  });

  it('returns 401 without a session and writes nothing to the audit log', async ({ t, adminId }) => {
    const before = await auditTypes(t);
    const stranger = new TestClient(t);
    for (let i = 0; i < 5; i++) {
      expect((await stranger.patchCurrent(`/api/users/${adminId}`, { role: 'cashier' })).status).toBe(401);
    }
    expect(await auditTypes(t)).toEqual(before);
  });

  it('returns 403 step_up_required to an admin on a register without an audit entry: it is the way in', async ({
    t,
    adaOnRegister,
  }) => {
    const before = await auditTypes(t);
    expect((await adaOnRegister.client.get('/api/users')).status).toBe(403);
    expect(await auditTypes(t)).toEqual(before);
  });
});
