// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import type { PasskeyJSON } from '@tapin/shared';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { addPasskey } from '../../lib/passkeys/passkey-ceremony';
import { apiError, fakeServer } from '../../../test/fake-server';
import PasskeysPage from './PasskeysPage.svelte';
import { giveDialogsModalMethods } from '../../../test/dialogs';

vi.mock(import('../../lib/passkeys/passkey-ceremony'), async (original) => ({
  ...(await original()),
  addPasskey: vi.fn(),
}));
vi.mock(import('../../lib/passkeys/supports-passkeys'), () => ({ supportsPasskeys: vi.fn(() => true) }));

const add = vi.mocked(addPasskey);
const LAPTOP: PasskeyJSON = {
  id: 'bGFwdG9w',
  name: 'Work laptop',
  createdAt: '2026-01-05T08:00:00.000Z',
  lastUsedAt: null,
};
const PHONE: PasskeyJSON = {
  id: 'cGhvbmU',
  name: 'Phone',
  createdAt: '2026-01-06T08:00:00.000Z',
  lastUsedAt: '2026-01-07T08:00:00.000Z',
};
const LAST_ONE =
  'Your organisation requires a passkey for admins and managers, so you cannot remove your last one. Add another passkey first.';

beforeAll(giveDialogsModalMethods);

afterEach(() => {
  vi.unstubAllGlobals();
  add.mockReset();
});

describe('PasskeysPage', () => {
  it('lists the passkeys with when they were created and last used', async () => {
    fakeServer({ 'GET /api/passkeys': () => [200, { passkeys: [LAPTOP, PHONE] }] });
    render(PasskeysPage);
    const laptop = await screen.findByRole('row', { name: /Work laptop/ });
    expect(within(laptop).getAllByRole('cell')[1]?.textContent?.trim()).toBe('Never');
    const phone = screen.getByRole('row', { name: /Phone/ });
    expect(within(phone).getAllByRole('cell')[1]?.querySelector('time')?.dateTime).toBe(PHONE.lastUsedAt);
  });

  it('adds a passkey under the name given, and lists it', async () => {
    let passkeys = [PHONE];
    fakeServer({ 'GET /api/passkeys': () => [200, { passkeys }] });
    add.mockImplementation((name) => {
      const added = { ...LAPTOP, name };
      passkeys = [PHONE, added];
      return Promise.resolve(added);
    });
    render(PasskeysPage);
    await screen.findByRole('row', { name: /Phone/ });
    await fireEvent.click(screen.getByRole('button', { name: 'Add a passkey' }));
    const name = screen.getByLabelText('Passkey name') as HTMLInputElement;
    expect(name.value).not.toBe('');
    await fireEvent.input(name, { target: { value: '  Work laptop ' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Add passkey' }));
    await screen.findByRole('row', { name: /Work laptop/ });
    expect(add).toHaveBeenCalledWith('Work laptop');
    expect(screen.getByRole('status').textContent).toBe('Work laptop was added. You can now log in with it.');
  });

  it('asks for a name before the browser is asked for a passkey', async () => {
    fakeServer({ 'GET /api/passkeys': () => [200, { passkeys: [] }] });
    render(PasskeysPage);
    await screen.findByText('You have no passkeys yet.');
    await fireEvent.click(screen.getByRole('button', { name: 'Add a passkey' }));
    await fireEvent.input(screen.getByLabelText('Passkey name'), { target: { value: ' ' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Add passkey' }));
    await screen.findByText('Give the passkey a name');
    expect(add).not.toHaveBeenCalled();
  });

  it('removes a passkey only after confirming, and shows why the server refused', async () => {
    const server = fakeServer({
      'GET /api/passkeys': () => [200, { passkeys: [LAPTOP] }],
      [`DELETE /api/passkeys/${LAPTOP.id}`]: () => [409, apiError('last_passkey_required', LAST_ONE)],
    });
    render(PasskeysPage);
    const row = await screen.findByRole('row', { name: /Work laptop/ });
    await fireEvent.click(within(row).getByRole('button', { name: 'Remove' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove Work laptop?' });
    expect(server.calls.some((c) => c.route.startsWith('DELETE'))).toBe(false);
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Remove passkey' }));
    await vi.waitFor(() => expect(within(dialog).getByRole('alert').textContent).toBe(LAST_ONE));
    expect(screen.getByRole('row', { name: /Work laptop/ })).toBeTruthy();
  });
});
