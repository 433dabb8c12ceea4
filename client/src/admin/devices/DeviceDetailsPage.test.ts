// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import type { DeviceDetailsJSON } from '@tapin/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, fakeServer } from '../../../test/fake-server';
import { chooseLanguage } from '../../lib/i18n/language.svelte';
import DeviceDetailsPage from './DeviceDetailsPage.svelte';

const ID = 'd'.repeat(43);
const PATH = `/api/devices/${ID}`;

function details(
  over: Partial<DeviceDetailsJSON> = {},
  status: 'approved' | 'locked' = 'approved',
): DeviceDetailsJSON {
  return {
    device: {
      id: ID,
      name: 'Front register',
      status,
      approvedAt: '2026-01-05T08:00:00.000Z',
      approvedBy: 'Ada Admin',
      lastLoginAt: '2026-01-05T09:00:00.000Z',
      version: 3,
    },
    failedAttempts: status === 'locked' ? 10 : 0,
    sessions: [
      {
        id: 'sess-0002',
        user: { id: 'user-0001', name: 'Casey Till' },
        ip: '203.0.113.7',
        loginAt: '2026-01-05T09:00:00.000Z',
        offline: true,
        active: true,
      },
      {
        id: 'sess-0001',
        user: null,
        ip: null,
        loginAt: '2026-01-05T08:30:00.000Z',
        offline: false,
        active: false,
      },
    ],
    page: 1,
    pageCount: 1,
    ...over,
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
  chooseLanguage('en');
});

describe('DeviceDetailsPage', () => {
  it('shows the device ID, the status and the sessions with user, IP address and login time', async () => {
    fakeServer({ [`GET ${PATH}?page=1`]: () => [200, details()] });
    render(DeviceDetailsPage, { deviceId: ID });
    expect(await screen.findByRole('heading', { level: 1, name: 'Front register' })).toBeTruthy();
    expect(screen.getByText(ID)).toBeTruthy();
    expect(screen.getByText('Approved', { selector: '.badge' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Unlock' })).toBeNull();

    const table = screen.getByRole('table', { name: 'Sessions on Front register' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['User', 'IP address', 'Login time', 'Session']);
    const [newest, older] = within(table).getAllByRole('row').slice(1);
    expect(newest?.textContent).toContain('Casey Till');
    expect(newest?.textContent).toContain('203.0.113.7');
    expect(newest?.textContent).toContain('Offline');
    expect(newest?.textContent).toContain('Active');
    expect(older?.textContent).toContain('Removed user');
    expect(older?.textContent).toContain('Ended');
    expect(older?.textContent).not.toContain('Offline');
    expect(screen.queryByRole('button', { name: 'Next' })).toBeNull();
  });

  it('unlocks a locked device', async () => {
    let locked = true;
    const { calls } = fakeServer({
      [`GET ${PATH}?page=1`]: () => [200, details({}, locked ? 'locked' : 'approved')],
      [`POST ${PATH}/unlock`]: () => {
        locked = false;
        return [200, { device: details().device }];
      },
    });
    render(DeviceDetailsPage, { deviceId: ID });
    await fireEvent.click(await screen.findByRole('button', { name: 'Unlock' }));
    expect(await screen.findByRole('status')).toBeTruthy();
    expect(screen.getByText('Approved', { selector: '.badge' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Unlock' })).toBeNull();
    expect(calls).toContainEqual({ route: `POST ${PATH}/unlock`, body: { version: 3 } });
  });

  it('offers Reload when someone else changed the device, and shows it as it is now', async () => {
    let unlockedElsewhere = false;
    fakeServer({
      [`GET ${PATH}?page=1`]: () => [200, details({}, unlockedElsewhere ? 'approved' : 'locked')],
      [`POST ${PATH}/unlock`]: () => {
        unlockedElsewhere = true;
        return [
          409,
          apiError('edited_elsewhere', 'This device was changed by someone else since you opened it.'),
        ];
      },
    });
    render(DeviceDetailsPage, { deviceId: ID });
    await fireEvent.click(await screen.findByRole('button', { name: 'Unlock' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This device was changed by someone else since you opened it.',
    );
    await fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(await screen.findByText('Approved', { selector: '.badge' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Unlock' })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('pages through the sessions with Previous and Next', async () => {
    fakeServer({
      [`GET ${PATH}?page=1`]: () => [200, details({ pageCount: 2 })],
      [`GET ${PATH}?page=2`]: () => [200, details({ page: 2, pageCount: 2 })],
    });
    render(DeviceDetailsPage, { deviceId: ID });
    const previous = (await screen.findByRole('button', { name: 'Previous' })) as HTMLButtonElement;
    expect(previous.disabled).toBe(true);
    expect(screen.getByText('Page 1 of 2')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Page 2 of 2')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('speaks Dutch: the device ID, status, sessions and their login times to the second', async () => {
    chooseLanguage('nl');
    fakeServer({ [`GET ${PATH}?page=1`]: () => [200, details({}, 'locked')] });
    render(DeviceDetailsPage, { deviceId: ID });
    expect(await screen.findByRole('heading', { level: 1, name: 'Front register' })).toBeTruthy();
    const terms = screen.getAllByRole('term').map((t) => t.textContent);
    expect(terms).toEqual(['Apparaat-ID', 'Status', 'Mislukte pogingen', 'Goedgekeurd', 'Laatst ingelogd']);
    expect(screen.getByText('Geblokkeerd', { selector: '.badge' })).toBeTruthy();
    expect(screen.getByText(/na 10 mislukte pincodepogingen achter elkaar/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Ontgrendelen' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Sessies' })).toBeTruthy();

    const table = screen.getByRole('table', { name: 'Sessies op Front register' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['Gebruiker', 'IP-adres', 'Inlogtijd', 'Sessie']);
    const [newest, older] = within(table).getAllByRole('row').slice(1);
    expect(newest?.textContent).toContain('Actief');
    expect(older?.textContent).toContain('Verwijderde gebruiker');
    expect(older?.textContent).toContain('Beëindigd');
    // Dutch dates, with the seconds: two logins in one minute stay apart.
    const loginTime = newest?.querySelector('time');
    expect(loginTime?.textContent).toMatch(/^\d{1,2} jan 2026, \d{2}:\d{2}:\d{2}$/);
  });

  it('says so when the device no longer exists', async () => {
    fakeServer({
      [`GET ${PATH}?page=1`]: () => [404, { error: { code: 'not_found', message: 'No such device' } }],
    });
    render(DeviceDetailsPage, { deviceId: ID });
    expect(await screen.findByRole('heading', { name: 'Device not found' })).toBeTruthy();
  });
});
