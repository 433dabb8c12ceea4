// client/test/offline-upload.test.ts runs the server in memory through this path.
export * from './support/test-app.js';
