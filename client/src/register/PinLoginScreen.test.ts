// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/svelte';
import type { SessionJSON } from '@tapin/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer } from '../../test/fake-server';
import { thisDevice } from '../device/device-state.svelte';
import { ApiClientError } from '../lib/api/api-error';
import { connectivity } from '../lib/connectivity.svelte';
import { chooseLanguage } from '../lib/i18n/language.svelte';
import { localDb } from '../lib/storage/local-db';
import { session } from '../session/session.svelte';
import PinLoginScreen from './PinLoginScreen.svelte';
import { logInWithPin } from './log-in-with-pin';

vi.mock(import('./log-in-with-pin'), async (original) => ({
  ...(await original()),
  logInWithPin: vi.fn(),
}));
// A register whose offline login chunk can't be fetched (not in the cache, no network).
vi.mock(import('../offline/offline-pin-login'), () => {
  throw new TypeError('Failed to fetch dynamically imported module');
});

const login = vi.mocked(logInWithPin);
const SERVER_TIME = '2026-01-05T09:00:00.000Z';
const refused = (attemptsLeft?: number, wait?: number) =>
  new ApiClientError(
    'invalid_credentials',
    'Invalid credentials',
    401,
    undefined,
    wait,
    undefined,
    attemptsLeft,
  );
const key = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;

/** The device's state as the server tells it, through the real DeviceState. */
function deviceState(extra: object = {}) {
  return fakeServer({
    'POST /api/devices/state': () => [
      200,
      {
        state: 'approved',
        pinLoginActive: true,
        locked: false,
        deviceName: 'Front register',
        organisationName: 'Corner Shop',
        serverTime: SERVER_TIME,
        ...extra,
      },
    ],
  });
}

async function type(pin: string): Promise<void> {
  for (const k of pin) await fireEvent.keyDown(window, { key: k });
  await vi.waitFor(() => expect(key('1').disabled).toBe(false));
}

afterEach(async () => {
  login.mockReset();
  session.set(null);
  session.lockNote = null;
  vi.unstubAllGlobals();
  vi.useRealTimers();
  connectivity.reachable();
  await localDb.prefs.clear();
  thisDevice.locked = false;
  thisDevice.organisationName = '';
  thisDevice.deviceName = '';
  chooseLanguage('en');
});

describe('PinLoginScreen', () => {
  it('logs in whoever the PIN belongs to', async () => {
    const casey = { user: { id: 'user-0001', name: 'Casey Till' } } as SessionJSON;
    login.mockResolvedValue(casey);
    render(PinLoginScreen);
    expect(screen.getByRole('heading', { name: 'Enter your PIN' })).toBeTruthy();
    await type('01234');
    expect(login).toHaveBeenCalledWith('01234');
    expect(session.current).toEqual(casey);
  });

  it('has the focus on its heading, so a screen reader says where the cashier is', () => {
    render(PinLoginScreen);
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Enter your PIN' }));
  });

  it("shows the shop's and the device's names from the device state, and the time", async () => {
    deviceState();
    await thisDevice.refresh();
    render(PinLoginScreen);
    expect(screen.getByText('Corner Shop')).toBeTruthy();
    expect(screen.getByText('Front register')).toBeTruthy();
    const time = document.querySelector('time');
    expect(time?.textContent).toMatch(/\d{1,2}[:.]\d{2}/);
    expect(Math.abs(Date.parse(time?.getAttribute('datetime') ?? '') - Date.now())).toBeLessThan(60_000);
  });

  it('says the same for every refusal, and the wrong PINs left once the server counts few', async () => {
    login.mockRejectedValueOnce(refused(9)).mockRejectedValueOnce(refused(7));
    render(PinLoginScreen);
    await type('11111');
    expect(screen.getByRole('alert').textContent?.trim()).toBe("That PIN didn't work. Try again.");
    expect(screen.queryByText(/attempts left/)).toBeNull();
    await type('22222');
    expect(screen.getByText(/7 attempts left before this register locks/)).toBeTruthy();
  });

  it('holds the keys back after a wrong PIN that the next must wait for, with one countdown', async () => {
    login.mockRejectedValueOnce(refused(7, 1));
    render(PinLoginScreen);
    for (const k of '33333') await fireEvent.keyDown(window, { key: k });
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent?.trim()).toBe(
        "That PIN didn't work. Try again in 1 second.",
      ),
    );
    expect(screen.getAllByText(/Try again in/)).toHaveLength(1);
    // The seconds tick on screen without interrupting a screen reader each second.
    expect(screen.getByRole('timer').getAttribute('aria-live')).toBe('off');
    expect(key('1').disabled).toBe(true);
    // Digits typed meanwhile are not taken (and so not thrown away by a refusal to wait).
    await fireEvent.keyDown(window, { key: '4' });
    expect(screen.getByRole('status', { name: /^PIN:/ }).getAttribute('aria-label')).toBe(
      'PIN: 0 of 5 digits entered',
    );
    await vi.waitFor(() => expect(key('1').disabled).toBe(false), { timeout: 2000 });
    expect(screen.getByRole('alert').textContent?.trim()).toBe("That PIN didn't work. Try again.");
    expect(login).toHaveBeenCalledTimes(1);
  });

  it('counts down while the device must wait, with the keys off, then takes PINs again', async () => {
    login.mockRejectedValueOnce(new ApiClientError('rate_limited', 'Wait', 429, undefined, 1));
    render(PinLoginScreen);
    for (const k of '44444') await fireEvent.keyDown(window, { key: k });
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent?.trim()).toBe('Too many attempts. Try again in 1 second.'),
    );
    expect(key('1').disabled).toBe(true);
    await vi.waitFor(() => expect(screen.getByRole('alert').textContent?.trim()).toBe(''), { timeout: 2000 });
    expect(key('1').disabled).toBe(false);
  });

  it('says that the register is locked, with the keys off, once the server says none are left', async () => {
    login.mockRejectedValueOnce(refused(0));
    deviceState({ locked: true });
    render(PinLoginScreen);
    for (const k of '55555') await fireEvent.keyDown(window, { key: k });
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent?.trim()).toBe(
        'This register is locked after too many wrong PINs. Ask a manager to unlock it.',
      ),
    );
    expect(key('1').disabled).toBe(true);
    expect(screen.queryByText(/attempts left/)).toBeNull();
  });

  it("says so when the server can't be reached and offline login can't be loaded, until it is back", async () => {
    login.mockImplementation(() => {
      connectivity.unreachable();
      return Promise.reject(
        new ApiClientError('network', "Can't reach the server. Check the connection.", 0),
      );
    });
    render(PinLoginScreen);
    await type('01234');
    expect(screen.getByRole('alert').textContent?.trim()).toBe(
      "This part of Tapin couldn't be loaded. Check the connection and try again.",
    );
    expect(session.active).toBeNull();
    connectivity.reachable();
    await vi.waitFor(() => expect(screen.getByRole('alert').textContent?.trim()).toBe(''));
  });

  it('keeps a wrong-PIN message when the connection comes back', async () => {
    login.mockRejectedValueOnce(refused(9));
    render(PinLoginScreen);
    await type('66666');
    connectivity.unreachable();
    connectivity.reachable();
    expect(screen.getByRole('alert').textContent?.trim()).toBe("That PIN didn't work. Try again.");
  });

  it('says why the idle lock brought the PIN pad back, until the next PIN', async () => {
    login.mockRejectedValueOnce(refused(9));
    session.lockNote = () => 'Locked after 2 minutes without use.';
    render(PinLoginScreen);
    expect(screen.getByText('Locked after 2 minutes without use.')).toBeTruthy();
    await type('77777');
    expect(screen.queryByText('Locked after 2 minutes without use.')).toBeNull();
  });

  it('offers the username and password screen', () => {
    render(PinLoginScreen);
    const link = screen.getByRole('link', { name: 'Log in with username and password' });
    expect(link.getAttribute('href')).toBe('/login');
  });

  describe('in Dutch', () => {
    it('speaks Dutch once Dutch is chosen, down to a refusal and the clock', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date(2026, 11, 2, 21, 41));
      chooseLanguage('nl');
      login.mockRejectedValueOnce(refused(2));
      render(PinLoginScreen);
      expect(screen.getByRole('heading', { name: 'Voer je pincode in' })).toBeTruthy();
      expect(document.title).toBe('Voer je pincode in · Tapin');
      expect(screen.getByText('Je pincode laat zien wie je bent.')).toBeTruthy();
      expect(document.querySelector('time')?.textContent).toBe('21:41');
      expect(screen.getByRole('button', { name: 'Wissen' })).toBeTruthy();
      expect(screen.getByRole('combobox', { name: 'Taal' })).toBeTruthy();
      await type('11111');
      expect(screen.getByRole('alert').textContent?.trim()).toBe(
        'Die pincode klopt niet. Probeer het opnieuw.',
      );
      expect(screen.getByText(/Nog 2 pogingen voordat deze kassa blokkeert/)).toBeTruthy();
    });

    it('goes back to English through the switch, without a reload, and remembers the choice', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date(2026, 11, 2, 21, 41));
      chooseLanguage('nl');
      login.mockRejectedValueOnce(refused(9));
      render(PinLoginScreen);
      await type('11111');
      expect(screen.getByRole('alert').textContent?.trim()).toBe(
        'Die pincode klopt niet. Probeer het opnieuw.',
      );
      const heading = screen.getByRole('heading', { name: 'Voer je pincode in' });

      await fireEvent.change(screen.getByRole('combobox', { name: 'Taal' }), { target: { value: 'en' } });
      // The same elements, now in English: nothing was mounted again.
      expect(screen.getByRole('heading', { name: 'Enter your PIN' })).toBe(heading);
      expect(screen.getByRole('alert').textContent?.trim()).toBe("That PIN didn't work. Try again.");
      expect(document.querySelector('time')?.textContent).toBe('9:41 PM');
      expect(screen.getByRole('combobox', { name: 'Language' })).toBeTruthy();
      expect(localStorage.getItem('tapin.language')).toBe('en');
    });

    it('leaves the keys typed into the language switch to the switch, not the PIN', async () => {
      render(PinLoginScreen);
      const select = screen.getByRole('combobox', { name: 'Language' });
      select.focus();
      for (const k of '12345') await fireEvent.keyDown(select, { key: k });
      await fireEvent.keyDown(select, { key: 'Backspace' });
      expect(login).not.toHaveBeenCalled();
      expect(screen.getByRole('status', { name: /PIN: 0 of 5 digits entered/ })).toBeTruthy();
    });
  });
});
