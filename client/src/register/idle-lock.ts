import { DEFAULT_IDLE_LOCK_MINUTES } from '@tapin/shared';
import { m } from '../paraglide/messages.js';
import * as organisationApi from '../lib/api/organisation-api';
import { readPreference, writePreference } from '../lib/storage/preferences';
import { INPUT_EVENTS } from './recent-input';

/** "Lock after inactivity" of the organisation, remembered for when the server can't be reached. */
export async function idleLockMinutes(): Promise<number> {
  try {
    const { idleLockMinutes } = await organisationApi.pinLoginSettings();
    await writePreference('idleLockMinutes', idleLockMinutes);
    return idleLockMinutes;
  } catch {
    return (await readPreference('idleLockMinutes')) ?? DEFAULT_IDLE_LOCK_MINUTES;
  }
}

const ACTIVITY = INPUT_EVENTS;

/**
 * Calls `onIdle` once nobody has touched the register for `minutes` (PCI DSS 8.2.8).
 * Returns the function that stops watching.
 */
export function watchIdle(minutes: number, onIdle: () => void): () => void {
  let last = Date.now();
  const mark = () => {
    last = Date.now();
  };
  for (const e of ACTIVITY) addEventListener(e, mark, { capture: true, passive: true });
  const timer = setInterval(() => {
    if (Date.now() - last >= minutes * 60_000) {
      last = Date.now();
      onIdle();
    }
  }, 1000);
  return () => {
    clearInterval(timer);
    for (const e of ACTIVITY) removeEventListener(e, mark, { capture: true });
  };
}

/** The idle lock's note on the PIN pad it brought back. */
export function idleLockNote(minutes: number): string {
  return minutes === 1 ? m.register_idle_locked_one({ minutes }) : m.register_idle_locked_other({ minutes });
}
