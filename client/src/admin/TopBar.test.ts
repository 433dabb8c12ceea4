// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseLanguage, currentLanguage } from '../lib/i18n/language.svelte';
import { session } from '../session/session.svelte';
import TopBar from './TopBar.svelte';
import { sessionOf } from '../../test/sessions';

const MANAGER = sessionOf({ id: 'user-0002', name: 'Max Manager', username: 'max', role: 'manager' });

afterEach(() => {
  session.set(null);
  chooseLanguage('en');
});

describe('TopBar', () => {
  // Role queries in jsdom are slow, and this test makes many: it gets more time than the default.
  it('switches the language from the user menu, each language named in itself', async () => {
    chooseLanguage('en');
    session.set(MANAGER);
    render(TopBar);
    await fireEvent.click(screen.getByRole('button', { name: 'User menu' }));
    const english = screen.getByRole('menuitem', { name: 'English' });
    const dutch = screen.getByRole('menuitem', { name: 'Nederlands' });
    expect(english.getAttribute('aria-current')).toBe('true');
    expect(dutch.getAttribute('aria-current')).toBeNull();
    expect(dutch.getAttribute('lang')).toBe('nl');
    expect(screen.getByRole('menuitem', { name: 'Settings' })).toBeTruthy();

    await fireEvent.click(dutch);
    expect(currentLanguage()).toBe('nl');
    expect(localStorage.getItem('tapin.language')).toBe('nl');
    const menu = screen.getByRole('button', { name: 'Gebruikersmenu' });
    expect(screen.getByRole('button', { name: 'Mijn account' })).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Beheeromgeving' })).toBeTruthy();
    expect(screen.getByText('Ingelogd als Max Manager')).toBeTruthy();

    await fireEvent.click(menu);
    expect(screen.getByRole('menuitem', { name: 'Instellingen' })).toBeTruthy();
    expect(screen.getByRole('menuitem', { name: 'Uitloggen' })).toBeTruthy();
    expect(screen.getByRole('menuitem', { name: 'Nederlands' }).getAttribute('aria-current')).toBe('true');
    await fireEvent.click(screen.getByRole('menuitem', { name: 'English' }));
    expect(screen.getByRole('button', { name: 'User menu' })).toBeTruthy();
  }, 20_000);

  it('lists the My account pages in Dutch', async () => {
    chooseLanguage('nl');
    session.set(MANAGER);
    render(TopBar);
    await fireEvent.click(screen.getByRole('button', { name: 'Mijn account' }));
    const items = screen.getAllByRole('menuitem').map((item) => item.textContent);
    expect(items).toEqual(['Inloggen met pincode', 'Gebruikers', 'Passkeys']);
  });
});
