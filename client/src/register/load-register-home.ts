/**
 * The register home (what a cashier sees once logged in) is a chunk of its own: the PIN pad
 * shows without it. The PIN login screen asks for it as soon as a PIN is sent, so it is there by
 * the time the login is, and App shows it through this same import.
 */
export const loadRegisterHome = () => import('./RegisterHome.svelte');
