// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chooseLanguage } from '../lib/i18n/language.svelte';
import { approvalOffer } from './approval-offer.svelte';
import ApproveDeviceScreen from './ApproveDeviceScreen.svelte';

vi.mock('./approval-offer.svelte', () => ({
  approvalOffer: { decline: vi.fn(() => Promise.resolve()), done: vi.fn() },
}));
vi.mock('./device-state.svelte', () => ({ thisDevice: { approve: vi.fn(() => Promise.resolve()) } }));

afterEach(() => {
  vi.mocked(approvalOffer.decline).mockClear();
  chooseLanguage('en');
});

describe('ApproveDeviceScreen', () => {
  it('offers to approve the device under a suggested name, or not now', async () => {
    render(ApproveDeviceScreen);
    expect((screen.getByLabelText('Device name') as HTMLInputElement).value).toBe('Register');
    expect(screen.getByRole('button', { name: 'Approve' })).toBeTruthy();
    await fireEvent.click(screen.getByRole('checkbox', { name: "Don't ask again" }));
    await fireEvent.click(screen.getByRole('button', { name: 'Not now' }));
    expect(approvalOffer.decline).toHaveBeenCalledWith(true);
  });

  it('speaks Dutch once Dutch is chosen, down to the suggested name', () => {
    chooseLanguage('nl');
    render(ApproveDeviceScreen);
    expect(screen.getByRole('heading', { name: 'Dit apparaat goedkeuren' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Goedkeuren' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Niet meer vragen' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Niet nu' })).toBeTruthy();
    expect((screen.getByLabelText('Apparaatnaam') as HTMLInputElement).value).toBe('Kassa');
  });

  it('says in Dutch that the device needs a name', async () => {
    chooseLanguage('nl');
    render(ApproveDeviceScreen);
    await fireEvent.input(screen.getByLabelText('Apparaatnaam'), { target: { value: '  ' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Goedkeuren' }));
    expect(await screen.findByText('Geef het apparaat een naam')).toBeTruthy();
  });
});
