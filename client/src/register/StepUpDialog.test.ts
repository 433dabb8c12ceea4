// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClientError } from '../lib/api/api-error';
import { stepUpWithPasskey } from '../lib/passkeys/passkey-ceremony';
import { supportsPasskeys } from '../lib/passkeys/supports-passkeys';
import { session } from '../session/session.svelte';
import { apiError, fakeServer } from '../../test/fake-server';
import StepUpDialog from './StepUpDialog.svelte';
import { giveDialogsModalMethods } from '../../test/dialogs';
import { sessionOf } from '../../test/sessions';

vi.mock(import('../lib/passkeys/passkey-ceremony'), async (original) => ({
  ...(await original()),
  stepUpWithPasskey: vi.fn(),
}));
vi.mock(import('../lib/passkeys/supports-passkeys'), () => ({ supportsPasskeys: vi.fn(() => true) }));

const passkeyStepUp = vi.mocked(stepUpWithPasskey);
const STEPPED_UP = sessionOf(
  { id: 'user-0001', name: 'Ada Admin', username: 'ada', role: 'admin' },
  { kind: 'register', deviceId: 'd'.repeat(43) },
);

beforeAll(giveDialogsModalMethods);

afterEach(() => {
  vi.unstubAllGlobals();
  passkeyStepUp.mockReset();
  vi.mocked(supportsPasskeys).mockReturnValue(true);
  session.set(null);
});

function open() {
  const ondone = vi.fn();
  render(StepUpDialog, { open: true, onclose: vi.fn(), ondone });
  return ondone;
}

const passkeyButton = () => screen.queryByRole('button', { name: 'Use a passkey' });

describe('StepUpDialog', () => {
  it('opens the admin environment with a passkey instead of the password', async () => {
    passkeyStepUp.mockResolvedValue(STEPPED_UP);
    const ondone = open();
    expect(
      screen.getByText('Enter your password, or use a passkey, to open the admin environment.'),
    ).toBeTruthy();
    await fireEvent.click(passkeyButton() as HTMLElement);
    await vi.waitFor(() => expect(ondone).toHaveBeenCalled());
    expect(session.current).toEqual(STEPPED_UP);
  });

  it('hides the passkey for someone who has none, and says so', async () => {
    passkeyStepUp.mockRejectedValue(
      new ApiClientError('no_passkey_yet', 'You have no passkey yet. Confirm with your password.', 409),
    );
    const ondone = open();
    await fireEvent.click(passkeyButton() as HTMLElement);
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'You have no passkey yet. Confirm with your password.',
      ),
    );
    expect(passkeyButton()).toBeNull();
    expect(document.activeElement).toBe(screen.getByLabelText('Password'));
    expect(ondone).not.toHaveBeenCalled();
  });

  it('keeps the passkey on offer after a closed prompt', async () => {
    passkeyStepUp.mockRejectedValue(new DOMException('Not allowed', 'NotAllowedError'));
    open();
    await fireEvent.click(passkeyButton() as HTMLElement);
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('The passkey prompt was closed. Try again.'),
    );
    expect(passkeyButton()).not.toBeNull();
  });

  it('points to the passkey when the organisation requires it instead of the password', async () => {
    fakeServer({
      'POST /api/auth/step-up': () => [403, apiError('passkey_required', 'Use your passkey to log in')],
    });
    open();
    await fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'correct horse battery' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Use your passkey to log in: choose “Use a passkey”.',
      ),
    );
    expect(document.activeElement).toBe(passkeyButton());
  });

  it('offers only the password in a browser without passkeys', () => {
    vi.mocked(supportsPasskeys).mockReturnValue(false);
    open();
    expect(passkeyButton()).toBeNull();
    expect(screen.getByText('Enter your password to open the admin environment.')).toBeTruthy();
  });
});
