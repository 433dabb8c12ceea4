import { DEVICE_NAME_MAX, DeviceName } from '@tapin/shared';

/** What the name field starts with when a device is approved; it can be changed. */
export const SUGGESTED_DEVICE_NAME = 'Register';

/** Checks a device name before it is sent: the cleaned-up name, or what is wrong with it. */
export function checkDeviceName(value: string): { ok: true; name: string } | { ok: false; error: string } {
  if (value.trim().length > DEVICE_NAME_MAX) {
    return { ok: false, error: `Use at most ${DEVICE_NAME_MAX} characters.` };
  }
  const parsed = DeviceName.safeParse(value);
  if (parsed.success) return { ok: true, name: parsed.data };
  return { ok: false, error: parsed.error.issues[0]?.message ?? 'Give the device a name' };
}
