import { LANGUAGES } from '@tapin/shared';
import type { Locale } from '../../paraglide/runtime.js';

export type { Locale };

/** The languages Tapin speaks (shared with the server), base language first; language.test.ts checks they are Paraglide's. */
export const locales: readonly Locale[] = LANGUAGES;
export const baseLocale: Locale = 'en';

function isLocale(value: string): value is Locale {
  return (locales as readonly string[]).includes(value);
}

/** Each language named in itself, so a person who cannot read the current one still finds theirs. */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', nl: 'Nederlands' };

/** What Intl formats dates and times with for each language. */
const INTL_LOCALES: Record<Locale, string> = { en: 'en-US', nl: 'nl-NL' };

// The register has to speak before IndexedDB has answered, so the choice lives in localStorage.
const CHOICE_KEY = 'tapin.language';
const ORGANISATION_KEY = 'tapin.organisationLanguage';

function stored(key: string): Locale | null {
  try {
    const value = globalThis.localStorage?.getItem(key);
    return value && isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

function store(key: string, value: Locale | null): void {
  try {
    if (value) globalThis.localStorage?.setItem(key, value);
    else globalThis.localStorage?.removeItem(key);
  } catch {
    // Storage may be off (private mode); the choice then lasts as long as the page.
  }
}

/** The first of the browser's languages that Tapin speaks. */
export function browserLanguage(
  preferred: readonly string[] = globalThis.navigator?.languages ?? [],
): Locale {
  for (const tag of preferred) {
    const language = tag.toLowerCase().split('-')[0] ?? '';
    if (isLocale(language)) return language;
  }
  return baseLocale;
}

let chosen = $state<Locale | null>(stored(CHOICE_KEY));
let organisationDefault = $state<Locale | null>(stored(ORGANISATION_KEY));

/**
 * The language on screen: this device's own choice, else the organisation's default for its
 * registers, else the browser's. Reading it inside a template or effect makes that re-run when it
 * changes, so every message follows a switch without a reload.
 */
export function currentLanguage(): Locale {
  return chosen ?? organisationDefault ?? browserLanguage();
}

/** The person at this device picked a language; the device keeps it. */
export function chooseLanguage(locale: Locale): void {
  chosen = locale;
  store(CHOICE_KEY, locale);
}

/** The organisation's default for its registers, as last told to this (approved) device. */
export function setOrganisationLanguage(locale: Locale | null): void {
  organisationDefault = locale;
  store(ORGANISATION_KEY, locale);
}

/** The language's tag for Intl and for `<html lang>`. */
export function intlLocale(locale: Locale = currentLanguage()): string {
  return INTL_LOCALES[locale];
}

/** Keeps `<html lang>` on the language shown, for screen readers and hyphenation. */
export function followLanguageInDocument(): void {
  $effect.root(() => {
    $effect(() => {
      document.documentElement.lang = currentLanguage();
    });
  });
}
