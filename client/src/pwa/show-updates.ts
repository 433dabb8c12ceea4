import { mount } from 'svelte';
import UpdateBanner from './UpdateBanner.svelte';
import { appUpdates } from './app-updates.svelte';

/** Registers the service worker and shows the update prompt, outside the app's screens so every screen has it. */
export function showUpdates(): void {
  mount(UpdateBanner, { target: document.body });
  appUpdates.start();
}
