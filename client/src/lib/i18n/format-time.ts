import { currentLanguage, intlLocale, type Locale } from './language.svelte';

const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: Locale, options: Intl.DateTimeFormatOptions, key: string): Intl.DateTimeFormat {
  const cacheKey = `${locale}:${key}`;
  let found = formats.get(cacheKey);
  if (!found) {
    found = new Intl.DateTimeFormat(intlLocale(locale), options);
    formats.set(cacheKey, found);
  }
  return found;
}

/** A date with the time to the second, as the audit log and session lists show it. */
export function formatDateTime(when: Date | number | string, locale: Locale = currentLanguage()): string {
  return format(locale, { dateStyle: 'medium', timeStyle: 'medium' }, 'datetime').format(new Date(when));
}

/** The clock on the PIN screen: hours and minutes. */
export function formatClock(when: Date | number, locale: Locale = currentLanguage()): string {
  return format(locale, { hour: 'numeric', minute: '2-digit' }, 'clock').format(new Date(when));
}
