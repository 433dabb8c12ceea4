import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineProject } from 'vitest/config';
import { messagesFollowTapinLanguage, paraglideOptions } from './vite.config.js';

export default defineProject({
  plugins: [paraglideVitePlugin(paraglideOptions), messagesFollowTapinLanguage(), svelte(), svelteTesting()],
  test: {
    name: 'client',
    root: import.meta.dirname,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Logic tests run in Node (WebCrypto, fake-indexeddb); component tests opt into jsdom per file.
    environment: 'node',
    setupFiles: ['fake-indexeddb/auto', './test/load-schemas.ts'],
  },
});
