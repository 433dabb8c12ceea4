// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import type { PinLoginSettingsJSON } from '@tapin/shared';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeServer } from '../../../test/fake-server';
import { chooseLanguage } from '../../lib/i18n/language.svelte';
import PinLoginPage from './PinLoginPage.svelte';
import { giveDialogsModalMethods } from '../../../test/dialogs';

const PATH = '/api/organisation/pin-login';

function settings(over: Partial<PinLoginSettingsJSON> = {}): PinLoginSettingsJSON {
  return {
    active: false,
    offlineGraceMinutes: 720,
    idleLockMinutes: 5,
    requirePasskey: false,
    registerLanguage: null,
    version: 1,
    ...over,
  };
}

/** The organisation's settings as a fake server keeps them: Activate and Deactivate change them. */
function server() {
  let saved = settings();
  return fakeServer({
    [`GET ${PATH}`]: () => [200, saved],
    [`POST ${PATH}/activate`]: () => [200, (saved = settings({ active: true, version: saved.version + 1 }))],
    [`POST ${PATH}/deactivate`]: () => [
      200,
      (saved = settings({ active: false, version: saved.version + 1 })),
    ],
    'GET /api/devices': () => [200, { devices: [] }],
  });
}

beforeAll(giveDialogsModalMethods);

afterEach(() => {
  vi.unstubAllGlobals();
  chooseLanguage('en');
});

describe('PinLoginPage', () => {
  it('activates Log in with PIN code, and asks before deactivating it', async () => {
    const { calls } = server();
    render(PinLoginPage);
    expect(screen.getByRole('heading', { level: 1, name: 'Log in with PIN code' })).toBeTruthy();
    await fireEvent.click(await screen.findByRole('button', { name: 'Activate' }));
    expect(await screen.findByRole('button', { name: 'Deactivate' })).toBeTruthy();
    expect(screen.getByText('Log in with PIN code is active for your organisation')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Deactivate' }));
    const dialog = screen.getByRole('dialog', { name: 'Deactivate Log in with PIN code?' });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
    expect(await screen.findByRole('button', { name: 'Activate' })).toBeTruthy();
    expect(calls.map((c) => c.route)).toContain(`POST ${PATH}/deactivate`);
  });

  it('speaks Dutch: Inloggen met pincode, Activeren and Deactiveren', async () => {
    chooseLanguage('nl');
    const { calls } = server();
    render(PinLoginPage);
    expect(screen.getByRole('heading', { level: 1, name: 'Inloggen met pincode' })).toBeTruthy();
    await fireEvent.click(await screen.findByRole('button', { name: 'Activeren' }));
    expect(await screen.findByRole('button', { name: 'Deactiveren' })).toBeTruthy();
    expect(screen.getByText('Inloggen met pincode is actief voor je organisatie')).toBeTruthy();
    expect(calls).toContainEqual({ route: `POST ${PATH}/activate`, body: { version: 1 } });

    await fireEvent.click(screen.getByRole('button', { name: 'Deactiveren' }));
    expect(screen.getByRole('dialog', { name: 'Inloggen met pincode deactiveren?' })).toBeTruthy();

    expect(screen.getByRole('heading', { name: "Kassa's" })).toBeTruthy();
    expect(screen.getByLabelText('Offline inlogtermijn (uren)')).toBeTruthy();
    expect(screen.getByLabelText('Vergrendelen na inactiviteit (minuten)')).toBeTruthy();
    expect(
      screen.getByRole('checkbox', { name: 'Passkey verplicht voor beheerders en managers' }),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Goedkeuren met een code' })).toBeTruthy();
    expect(await screen.findByText('Er zijn nog geen apparaten goedgekeurd.')).toBeTruthy();
  });

  it('says in Dutch what a number of hours out of range is', async () => {
    chooseLanguage('nl');
    server();
    render(PinLoginPage);
    const hours = await screen.findByLabelText('Offline inlogtermijn (uren)');
    await fireEvent.input(hours, { target: { value: 'veel' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Instellingen opslaan' }));
    expect(await screen.findByText(/^Vul een aantal uren in van 0 tot en met \d+\.$/)).toBeTruthy();
  });
});
