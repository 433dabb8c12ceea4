// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import type { UserJSON } from '@tapin/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chooseLanguage } from '../../lib/i18n/language.svelte';
import { session } from '../../session/session.svelte';
import { fakeServer } from '../../../test/fake-server';
import UserFormPage from './UserFormPage.svelte';
import UsersPage from './UsersPage.svelte';
import { sessionOf } from '../../../test/sessions';

const ADMIN = sessionOf({ id: 'user-0001', name: 'Ada Admin', username: 'ada', role: 'admin' });
const CASEY: UserJSON = {
  id: 'user-casey',
  name: 'Casey Till',
  username: 'casey',
  role: 'cashier',
  loginMethod: 'pin_only',
  hasPin: true,
  hasPassword: false,
  createdAt: '2026-01-05T09:00:00.000Z',
  version: 4,
};
const PAT: UserJSON = { ...CASEY, id: 'user-pat', name: 'Pat Picker', username: 'pat', hasPin: false };

afterEach(() => {
  vi.unstubAllGlobals();
  session.set(null);
  chooseLanguage('en');
});

describe('UsersPage', () => {
  it('lists the users in English', async () => {
    session.set(ADMIN);
    fakeServer({ 'GET /api/users': () => [200, { users: [CASEY] }] });
    render(UsersPage);
    const row = await screen.findByRole('row', { name: /Casey Till/ });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Users');
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent?.trim()),
    ).toEqual(['casey', 'Cashier', 'PIN only', 'PIN set', 'Edit']);
  });

  it('lists the users in Dutch', async () => {
    chooseLanguage('nl');
    session.set(ADMIN);
    fakeServer({ 'GET /api/users': () => [200, { users: [CASEY, PAT] }] });
    render(UsersPage);
    const casey = await screen.findByRole('row', { name: /Casey Till/ });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Gebruikers');
    expect(document.title).toBe('Gebruikers · Tapin');
    expect(screen.getByRole('link', { name: 'Gebruiker toevoegen' })).toBeTruthy();
    const headers = screen.getAllByRole('columnheader').map((header) => header.textContent?.trim());
    expect(headers).toEqual(['Naam', 'Gebruikersnaam', 'Rol', 'Inlogmethode', 'Pincode', 'Acties']);
    expect(
      within(casey)
        .getAllByRole('cell')
        .map((cell) => cell.textContent?.trim()),
    ).toEqual(['casey', 'Kassamedewerker', 'Alleen pincode', 'Pincode ingesteld', 'Wijzigen']);
    const pat = screen.getByRole('row', { name: /Pat Picker/ });
    expect(within(pat).getByText('Geen pincode')).toBeTruthy();
  });
});

describe('UserFormPage', () => {
  // Many role queries in jsdom: more time than the default.
  it('adds a user in Dutch, with the login methods and field errors in Dutch', async () => {
    chooseLanguage('nl');
    session.set(ADMIN);
    const server = fakeServer({ 'POST /api/users': () => [201, { user: CASEY }] });
    render(UserFormPage, { userId: null });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Gebruiker toevoegen');
    const method = screen.getByLabelText('Inlogmethode') as HTMLSelectElement;
    expect([...method.options].map((option) => option.textContent)).toEqual([
      'Wachtwoord',
      'Wachtwoord en pincode',
      'Alleen pincode',
    ]);
    const role = screen.getByLabelText('Rol') as HTMLSelectElement;
    expect([...role.options].map((option) => option.textContent)).toEqual([
      'Beheerder',
      'Manager',
      'Kassamedewerker',
    ]);
    await fireEvent.change(method, { target: { value: 'pin_only' } });
    expect(screen.queryByLabelText('Wachtwoord')).toBeNull();

    await fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    await screen.findByText('Vul een naam in');
    expect(screen.getByText('Vul een gebruikersnaam in')).toBeTruthy();
    expect(screen.getByText('Vul een pincode van 5 cijfers in voor deze inlogmethode')).toBeTruthy();
    expect(server.calls).toEqual([]);

    await fireEvent.input(screen.getByLabelText('Naam'), { target: { value: 'Casey Till' } });
    await fireEvent.input(screen.getByLabelText('Gebruikersnaam'), { target: { value: 'casey' } });
    await fireEvent.input(screen.getByLabelText('Pincode'), { target: { value: '123' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    await screen.findByText('Een pincode heeft precies 5 cijfers');

    await fireEvent.input(screen.getByLabelText('Pincode'), { target: { value: '01234' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    await vi.waitFor(() => expect(server.calls.map((c) => c.route)).toEqual(['POST /api/users']));
    expect(server.calls[0]?.body).toMatchObject({ loginMethod: 'pin_only', pin: '01234' });
  }, 20_000);
});
