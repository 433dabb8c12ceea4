// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClientError } from '../lib/api/api-error';
import { logInWithPasskey } from '../lib/passkeys/passkey-ceremony';
import { supportsPasskeys } from '../lib/passkeys/supports-passkeys';
import { session } from '../session/session.svelte';
import { apiError, fakeServer } from '../../test/fake-server';
import PasswordLoginPage from './PasswordLoginPage.svelte';
import { approvalOffer } from '../device/approval-offer.svelte';
import { chooseLanguage } from '../lib/i18n/language.svelte';
import { sessionOf } from '../../test/sessions';

vi.mock(import('../lib/passkeys/passkey-ceremony'), async (original) => ({
  ...(await original()),
  logInWithPasskey: vi.fn(),
}));
vi.mock(import('../lib/passkeys/supports-passkeys'), () => ({ supportsPasskeys: vi.fn(() => true) }));
vi.mock('../device/approval-offer.svelte', () => ({
  approvalOffer: { consider: vi.fn(() => Promise.resolve()) },
}));
vi.mock('../device/device-state.svelte', () => ({ thisDevice: { showsPinLogin: false } }));

const passkeyLogin = vi.mocked(logInWithPasskey);
const supported = vi.mocked(supportsPasskeys);
const ADA = sessionOf({ id: 'user-0001', name: 'Ada Admin', username: 'ada', role: 'admin' });

const passkeyButton = () => screen.getByRole('button', { name: 'Log in with a passkey' });

async function logInWithPassword(): Promise<void> {
  await fireEvent.input(screen.getByLabelText('Username'), { target: { value: 'Ada' } });
  await fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'correct horse battery' } });
  await fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
}

afterEach(() => {
  vi.unstubAllGlobals();
  passkeyLogin.mockReset();
  supported.mockReturnValue(true);
  vi.mocked(approvalOffer.consider).mockClear();
  session.set(null);
  chooseLanguage('en');
});

describe('PasswordLoginPage', () => {
  it('offers the passkey first, above the username and password', () => {
    render(PasswordLoginPage);
    const form = screen.getByLabelText('Username').closest('form');
    expect(form).not.toBeNull();
    expect(
      passkeyButton().compareDocumentPosition(form as Node) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Log in' }).classList.contains('secondary')).toBe(true);
  });

  it('goes on after a passkey login exactly as after a password login', async () => {
    passkeyLogin.mockResolvedValue(ADA);
    render(PasswordLoginPage);
    await fireEvent.click(passkeyButton());
    await vi.waitFor(() => expect(session.current).toEqual(ADA));
    // The device approval screen is considered first, as after a password login.
    expect(approvalOffer.consider).toHaveBeenCalledWith(ADA);
  });

  it('says the prompt was closed when the person cancels it', async () => {
    passkeyLogin.mockRejectedValue(new DOMException('The operation was not allowed.', 'NotAllowedError'));
    render(PasswordLoginPage);
    await fireEvent.click(passkeyButton());
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent?.trim()).toBe('The passkey prompt was closed. Try again.'),
    );
    expect(session.current).toBeNull();
  });

  it("says so when the passkey isn't registered here, and gives other refusals in the server's words", async () => {
    passkeyLogin.mockRejectedValueOnce(
      new ApiClientError('passkey_not_registered', "This passkey isn't registered here", 401),
    );
    passkeyLogin.mockRejectedValueOnce(new ApiClientError('invalid_credentials', 'Invalid credentials', 401));
    render(PasswordLoginPage);
    await fireEvent.click(passkeyButton());
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent?.trim()).toBe("This passkey isn't registered here"),
    );
    await fireEvent.click(passkeyButton());
    await vi.waitFor(() => expect(screen.getByRole('alert').textContent?.trim()).toBe('Invalid credentials'));
  });

  it('points to the passkey when the organisation requires it instead of the password', async () => {
    fakeServer({
      'POST /api/auth/login': () => [403, apiError('passkey_required', 'Use your passkey to log in')],
    });
    render(PasswordLoginPage);
    await logInWithPassword();
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent?.trim()).toBe(
        'Use your passkey to log in: choose “Log in with a passkey”.',
      ),
    );
    expect(document.activeElement).toBe(passkeyButton());
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('');
  });

  it('keeps the password form alone, as the main way, where the browser has no passkeys', async () => {
    supported.mockReturnValue(false);
    fakeServer({ 'POST /api/auth/login': () => [200, ADA] });
    render(PasswordLoginPage);
    expect(screen.queryByRole('button', { name: 'Log in with a passkey' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Log in' }).classList.contains('secondary')).toBe(false);
    await logInWithPassword();
    await vi.waitFor(() => expect(session.current).toEqual(ADA));
  });

  it('speaks Dutch once Dutch is chosen', () => {
    chooseLanguage('nl');
    render(PasswordLoginPage);
    expect(screen.getByRole('heading', { name: 'Inloggen' })).toBeTruthy();
    expect(screen.getByLabelText('Gebruikersnaam')).toBeTruthy();
    expect(screen.getByLabelText('Wachtwoord')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Inloggen' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Inloggen met een passkey' })).toBeTruthy();
  });

  it('switches language on the spot with the language switch, and says a missing field in it', async () => {
    render(PasswordLoginPage);
    await fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'nl' } });
    expect(screen.getByLabelText('Gebruikersnaam')).toBeTruthy();
    expect(screen.queryByLabelText('Username')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Inloggen' }));
    expect(screen.getByRole('alert').textContent?.trim()).toBe('Vul je gebruikersnaam en wachtwoord in.');
    await fireEvent.change(screen.getByLabelText('Taal'), { target: { value: 'en' } });
    expect(screen.getByLabelText('Username')).toBeTruthy();
    expect(screen.getByRole('alert').textContent?.trim()).toBe('Enter your username and password.');
  });
});
