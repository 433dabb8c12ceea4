import { describe, expect, it } from 'vitest';
import { m } from '../../paraglide/messages.js';
import { browserLanguage, chooseLanguage, currentLanguage, setOrganisationLanguage } from './language.svelte';
import { formatClock } from './format-time';

describe('the language on screen', () => {
  it('starts from the first of the browser languages Tapin speaks, else English', () => {
    expect(browserLanguage(['nl-BE', 'en-GB'])).toBe('nl');
    expect(browserLanguage(['de-DE', 'en-US'])).toBe('en');
    expect(browserLanguage(['fr', 'de'])).toBe('en');
    expect(browserLanguage([])).toBe('en');
  });

  it("follows the organisation's language for registers, and a choice on the register wins over it", () => {
    setOrganisationLanguage('nl');
    expect(currentLanguage()).toBe('nl');
    expect(m.error_invalid_credentials()).toBe('Ongeldige inloggegevens');
    chooseLanguage('en');
    expect(currentLanguage()).toBe('en');
    expect(m.error_invalid_credentials()).toBe('Invalid credentials');
    setOrganisationLanguage('nl');
    expect(currentLanguage()).toBe('en');
  });

  it('formats times in the language on screen', () => {
    const at = new Date(2026, 11, 2, 21, 41);
    expect(formatClock(at, 'en')).toBe('9:41 PM');
    expect(formatClock(at, 'nl')).toBe('21:41');
  });
});
