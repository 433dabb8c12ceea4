import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/** The version a build reports: TAPIN_VERSION when set, else the git commit it was built from. */
function buildVersion(): string {
  if (process.env.TAPIN_VERSION) return process.env.TAPIN_VERSION;
  try {
    const describe = ['describe', '--always', '--dirty'];
    return execFileSync('git', describe, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

/** Messages compile to one function per message, so each screen carries only the texts it shows. */
export const paraglideOptions: Parameters<typeof paraglideVitePlugin>[0] = {
  project: './project.inlang',
  outdir: './src/paraglide',
  // The language is chosen in src/lib/i18n/language.svelte.ts, which replaces getLocale.
  strategy: ['baseLocale'],
};

/**
 * Points the compiled messages at src/lib/i18n/message-locale.ts instead of Paraglide's runtime, so
 * they ask Tapin which language is on screen and the runtime's detection code stays out.
 */
export function messagesFollowTapinLanguage(): Plugin {
  const target = fileURLToPath(new URL('./src/lib/i18n/message-locale.ts', import.meta.url));
  return {
    name: 'tapin-messages-follow-language',
    enforce: 'pre',
    resolveId(id, importer) {
      if (id === '../runtime.js' && importer && /[\\/]src[\\/]paraglide[\\/]messages[\\/]/.test(importer))
        return target;
      return null;
    },
  };
}

export default defineConfig({
  define: { __TAPIN_VERSION__: JSON.stringify(buildVersion()) },
  plugins: [
    paraglideVitePlugin(paraglideOptions),
    messagesFollowTapinLanguage(),
    svelte(),
    VitePWA({
      // A new version waits until the person at the register chooses to reload.
      registerType: 'prompt',
      injectRegister: false,
      strategies: 'generateSW',
      includeAssets: ['favicon.svg', 'icons/apple-touch-icon-180.png'],
      manifest: {
        id: '/',
        name: 'Tapin',
        short_name: 'Tapin',
        description: 'Log in with PIN code on shared point-of-sale devices',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#f8fafc',
        theme_color: '#0f766e',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // Control the page that installed the worker, so the very first load works offline after.
        clientsClaim: true,
        skipWaiting: false,
      },
    }),
  ],
  resolve: {
    alias: [
      {
        // Dexie's package entry wraps its ES5 CommonJS build, which cannot be tree-shaken and is
        // the larger one; its own modern ES module build is the same library for the browsers the
        // register supports (es2022), and about 2 kB gzipped smaller. Every import of dexie
        // gets this one copy, so there are never two versions in one app.
        find: /^dexie$/,
        replacement: fileURLToPath(new URL('./node_modules/dexie/dist/modern/dexie.mjs', import.meta.url)),
      },
    ],
  },
  // The manifest (dist/.vite/manifest.json) tells which chunks the register loads and which only the
  // admin environment does; the register benchmark reads it.
  build: {
    target: 'es2022',
    sourcemap: false,
    manifest: true,
    // Every browser the register supports preloads modules itself, so the entry carries no polyfill.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // Everything the register needs to start in one file, which compresses better than the
        // many small shared chunks the bundler would make; the lazy parts keep their own chunks.
        // The shared schemas with zod are one chunk too, loaded with the first answer.
        codeSplitting: {
          groups: [
            { name: 'register', tags: ['$initial'] },
            { name: 'schemas', test: /node_modules[\\/]zod[\\/]|[\\/]shared[\\/]src[\\/]/ },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
