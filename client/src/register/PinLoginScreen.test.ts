// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/svelte';
import type { SessionJSON } from '@tapin/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClientError } from '../lib/api/api-error';
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
vi.mock('../device/device-state.svelte', () => ({ thisDevice: { refresh: vi.fn(() => Promise.resolve()) } }));

const login = vi.mocked(logInWithPin);
const refused = () => new ApiClientError('invalid_credentials', 'Invalid credentials', 401);

async function type(pin: string): Promise<void> {
  for (const key of pin) await fireEvent.keyDown(window, { key });
  await vi.waitFor(() =>
    expect((screen.getByRole('button', { name: '1' }) as HTMLButtonElement).disabled).toBe(false),
  );
}

afterEach(() => {
  login.mockReset();
  session.set(null);
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

  it('says the same for every refusal, and warns about the lock after a few in a row', async () => {
    login.mockRejectedValue(refused());
    render(PinLoginScreen);
    await type('11111');
    expect(screen.getByRole('alert').textContent).toBe("That PIN didn't work. Try again.");
    await type('22222');
    expect(screen.queryByText(/this device locks/)).toBeNull();
    await type('33333');
    expect(screen.getByText(/After 10 failed attempts in a row this device locks/)).toBeTruthy();
  });

  it('counts down while the device must wait, with the keys off, then takes PINs again', async () => {
    login.mockRejectedValueOnce(new ApiClientError('rate_limited', 'Wait', 429, undefined, 1));
    render(PinLoginScreen);
    for (const key of '44444') await fireEvent.keyDown(window, { key });
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('Too many attempts. Try again in 1 second.'),
    );
    expect((screen.getByRole('button', { name: '1' }) as HTMLButtonElement).disabled).toBe(true);
    await vi.waitFor(() => expect(screen.getByRole('alert').textContent).toBe(''), { timeout: 2000 });
    expect((screen.getByRole('button', { name: '1' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("says so when the server can't be reached and offline login can't be loaded", async () => {
    login.mockRejectedValue(
      new ApiClientError('network', "Can't reach the server. Check the connection.", 0),
    );
    render(PinLoginScreen);
    await type('01234');
    expect(screen.getByRole('alert').textContent).toBe(
      "This part of Tapin couldn't be loaded. Check the connection and try again.",
    );
    expect(session.active).toBeNull();
  });

  it('offers the username and password screen', () => {
    render(PinLoginScreen);
    const link = screen.getByRole('link', { name: 'Log in with username and password' });
    expect(link.getAttribute('href')).toBe('/login');
  });
});
