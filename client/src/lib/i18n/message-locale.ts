// What the compiled messages import in place of Paraglide's runtime (see vite.config.ts). The
// runtime's own getLocale carries every detection strategy (URL, cookie, server) and would add
// 1.5 kB to the register's start; here the language is simply the one language.svelte.ts chose.
export { currentLanguage as getLocale } from './language.svelte';

/** Paraglide's per-language builds set this; Tapin ships one build that speaks both. */
export const experimentalStaticLocale = undefined;
