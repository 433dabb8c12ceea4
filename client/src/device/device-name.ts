import { DEVICE_NAME_MAX, DeviceName } from '@tapin/shared';
import { issueText } from '../lib/forms/field-errors';
import type { Words } from '../lib/forms/async-action.svelte';
import { m } from '../paraglide/messages.js';

/** What the name field starts with when a device is approved, in the language on screen; it can be changed. */
export function suggestedDeviceName(): string {
  return m.approve_device_name_suggested();
}

/** Checks a device name before it is sent: the cleaned-up name, or what is wrong with it. */
export function checkDeviceName(value: string): { ok: true; name: string } | { ok: false; error: Words } {
  if (value.trim().length > DEVICE_NAME_MAX) {
    return { ok: false, error: () => m.approve_device_name_too_long({ max: DEVICE_NAME_MAX }) };
  }
  const parsed = DeviceName.safeParse(value);
  if (parsed.success) return { ok: true, name: parsed.data };
  const issue = parsed.error.issues[0];
  if (!issue || issue.code === 'too_small')
    return { ok: false, error: () => m.approve_device_name_missing() };
  // Characters no database can store (NUL, a broken surrogate), said as every form says them.
  return { ok: false, error: () => issueText('name', issue) };
}
