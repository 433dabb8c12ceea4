// client/test/offline-upload.test.ts logs in through this path.
export * from './support/test-client.js';
