import type { Screen } from '../lib/routing/screen-for';

/**
 * What the app shows, as App.svelte tells it: it decides whether a new version may be offered
 * (see reload-offer.ts). With start-app-updates.ts, it is all of the updates in the register's start.
 */
export const onScreen = $state<{ screen: Screen | null; startFailed: boolean }>({
  screen: null,
  startFailed: false,
});
