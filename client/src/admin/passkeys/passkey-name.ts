import { PASSKEY_NAME_MAX, PasskeyName } from '@tapin/shared';
import type { Words } from '../../lib/forms/async-action.svelte';
import { m } from '../../paraglide/messages.js';

/** What the name field starts with when nothing better is known. */
export function fallbackPasskeyName(): string {
  return m.passkeys_this_device();
}

// Browsers and systems go by their own names in every language. The first match wins, so the browsers that also say "Chrome" or "Safari" come first.
const BROWSERS: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(OPR|Opera)\//, 'Opera'],
  [/\b(Firefox|FxiOS)\//, 'Firefox'],
  [/(Chrome|CriOS|Chromium)\//, 'Chrome'],
  [/\bSafari\//, 'Safari'],
];
const SYSTEMS: [RegExp, string][] = [
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'Mac'],
  [/\bLinux\b/, 'Linux'],
];

function firstMatch(userAgent: string, list: [RegExp, string][]): string | undefined {
  return list.find(([pattern]) => pattern.test(userAgent))?.[1];
}

/**
 * A name for a new passkey that tells it apart from the others in the list, such as
 * "Chrome on Windows", or "Chrome on Windows 2" when that name is taken. It can be changed.
 */
export function suggestPasskeyName(userAgent: string, taken: readonly string[] = []): string {
  const browser = firstMatch(userAgent, BROWSERS);
  const system = firstMatch(userAgent, SYSTEMS);
  const base =
    browser && system
      ? m.passkeys_browser_on_system({ browser, system })
      : (system ?? browser ?? fallbackPasskeyName());
  const names = new Set(taken.map((n) => n.trim().toLowerCase()));
  if (!names.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base} ${n}`;
    if (!names.has(candidate.toLowerCase())) return candidate;
  }
}

/** Checks a passkey name before the browser is asked: the cleaned-up name, or what is wrong. */
export function checkPasskeyName(value: string): { ok: true; name: string } | { ok: false; error: Words } {
  if (value.trim().length > PASSKEY_NAME_MAX) {
    return { ok: false, error: () => m.passkeys_name_too_long({ max: PASSKEY_NAME_MAX }) };
  }
  const parsed = PasskeyName.safeParse(value);
  if (parsed.success) return { ok: true, name: parsed.data };
  // The schema's one other check: that there is a name.
  return { ok: false, error: () => m.passkeys_name_required() };
}
