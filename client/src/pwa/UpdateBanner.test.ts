// @vitest-environment jsdom
import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import UpdateBanner from './UpdateBanner.svelte';
import { appUpdates } from './app-updates.svelte';

describe('UpdateBanner', () => {
  afterEach(() => {
    appUpdates.newVersionReady = false;
    appUpdates.showing(null, false);
  });

  it('shows nothing until a new version is ready', () => {
    appUpdates.showing('pin-login', false);
    render(UpdateBanner);
    expect(screen.queryByRole('status')).toBeNull();
    appUpdates.newVersionReady = true;
    flushSync();
    expect(screen.getByRole('status').textContent).toContain('A new version of Tapin is ready.');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy();
  });

  it('stays away from a register in use, and comes when the PIN pad shows', () => {
    appUpdates.newVersionReady = true;
    appUpdates.showing('register', false);
    render(UpdateBanner);
    expect(screen.queryByRole('status')).toBeNull();
    appUpdates.showing('pin-login', false);
    flushSync();
    const offer = screen.getByRole('status');
    expect(offer.textContent).not.toContain('Save what you are working on');
  });

  it('in the admin environment says to save first', () => {
    appUpdates.newVersionReady = true;
    appUpdates.showing('admin', false);
    render(UpdateBanner);
    expect(screen.getByRole('status').textContent).toContain(
      'Save what you are working on first: reloading discards changes that are not saved.',
    );
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy();
  });
});
