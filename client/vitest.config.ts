import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineProject } from 'vitest/config';

export default defineProject({
  plugins: [svelte(), svelteTesting()],
  test: {
    name: 'client',
    root: import.meta.dirname,
    include: ['src/**/*.test.ts'],
    environment: 'jsdom',
    setupFiles: ['fake-indexeddb/auto'],
  },
});
