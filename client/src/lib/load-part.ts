import { m } from '../paraglide/messages.js';

/**
 * Parts of the app that a register does not need to show its PIN pad (setup, the username and
 * password screen, passkeys, offline login, the admin environment) are chunks of their own,
 * fetched the first time they are used. The service worker precaches every chunk, so offline
 * they come from its cache within milliseconds. One that cannot be fetched all the same (a new
 * version half installed, no cache and no network) fails within a few seconds with this error,
 * whose message says what to do, instead of leaving a screen loading for ever.
 */
export class PartLoadError extends Error {
  constructor(cause: unknown) {
    super(m.error_part_load(), { cause });
    this.name = 'PartLoadError';
  }
}

/** As long as the client waits for a chunk: the API's own timeout. */
const LOAD_TIMEOUT_MS = 10_000;

/** Loads a lazy part of the app (a dynamic import), failing with a PartLoadError. */
export async function loadPart<T>(load: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), LOAD_TIMEOUT_MS);
  });
  try {
    return await Promise.race([load(), timeout]);
  } catch (err) {
    throw new PartLoadError(err);
  } finally {
    clearTimeout(timer);
  }
}
