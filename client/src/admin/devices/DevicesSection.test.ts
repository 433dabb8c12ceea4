// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import type { DeviceJSON } from '@tapin/shared';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeServer } from '../../../test/fake-server';
import { chooseLanguage } from '../../lib/i18n/language.svelte';
import DevicesSection from './DevicesSection.svelte';
import { giveDialogsModalMethods } from '../../../test/dialogs';

function device(over: Partial<DeviceJSON> = {}): DeviceJSON {
  return {
    id: 'd'.repeat(43),
    name: 'Front register',
    status: 'approved',
    approvedAt: '2026-01-05T08:00:00.000Z',
    approvedBy: 'Ada Admin',
    lastLoginAt: null,
    version: 3,
    ...over,
  };
}

beforeAll(giveDialogsModalMethods);

afterEach(() => {
  vi.unstubAllGlobals();
  chooseLanguage('en');
});

describe('DevicesSection', () => {
  it('offers Edit name, Revoke and Delete in each device’s menu', async () => {
    fakeServer({ 'GET /api/devices': () => [200, { devices: [device()] }] });
    render(DevicesSection);
    await fireEvent.click(await screen.findByRole('button', { name: 'Actions for Front register' }));
    const items = screen.getAllByRole('menuitem').map((item) => item.textContent?.trim());
    expect(items).toEqual(['Edit name', 'Revoke', 'Delete']);
    const table = await screen.findByRole('table', { name: 'Devices approved for log in with PIN code' });
    expect(within(table).getByText('Never')).toBeTruthy();
  });

  it('speaks Dutch: the list, the menu and revoking a device', async () => {
    chooseLanguage('nl');
    let status: DeviceJSON['status'] = 'approved';
    const { calls } = fakeServer({
      'GET /api/devices': () => [200, { devices: [device({ status })] }],
      [`POST /api/devices/${'d'.repeat(43)}/revoke`]: () => {
        status = 'revoked';
        return [200, { device: device({ status }) }];
      },
    });
    render(DevicesSection);
    expect(await screen.findByRole('heading', { name: 'Apparaten' })).toBeTruthy();
    const table = await screen.findByRole('table', {
      name: 'Apparaten goedgekeurd voor inloggen met pincode',
    });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent?.trim());
    expect(headers).toEqual(['Naam', 'Status', 'Laatst ingelogd', 'Goedgekeurd', 'Acties']);
    expect(within(table).getByText('Goedgekeurd', { selector: '.badge' })).toBeTruthy();
    expect(within(table).getByText('Nooit')).toBeTruthy();
    expect(within(table).getByText('door Ada Admin')).toBeTruthy();

    await fireEvent.click(screen.getByRole('button', { name: 'Acties voor Front register' }));
    const items = screen.getAllByRole('menuitem').map((item) => item.textContent?.trim());
    expect(items).toEqual(['Naam wijzigen', 'Intrekken', 'Verwijderen']);

    await fireEvent.click(screen.getByRole('menuitem', { name: 'Intrekken' }));
    const dialog = await screen.findByRole('dialog', { name: 'Front register intrekken?' });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Intrekken' }));
    expect((await screen.findByRole('status')).textContent).toBe('Front register is ingetrokken.');
    expect(calls).toContainEqual({
      route: `POST /api/devices/${'d'.repeat(43)}/revoke`,
      body: { version: 3 },
    });
    expect(screen.getByText('Ingetrokken', { selector: '.badge' })).toBeTruthy();
  });
});
