import { DEVICE_NAME_MAX } from '@tapin/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseLanguage } from '../lib/i18n/language.svelte';
import { checkDeviceName, suggestedDeviceName } from './device-name';

afterEach(() => chooseLanguage('en'));

/** The check's answer with its words said now. */
function sayCheck(result: { ok: true; name: string } | { ok: false; error: () => string }) {
  return result.ok ? result : { ok: false, error: result.error() };
}

describe('checkDeviceName', () => {
  it('gives the cleaned-up name, or says what is wrong in English', () => {
    expect(sayCheck(checkDeviceName('  Register 2 '))).toEqual({ ok: true, name: 'Register 2' });
    expect(sayCheck(checkDeviceName(' '))).toEqual({ ok: false, error: 'Give the device a name' });
    expect(sayCheck(checkDeviceName('x'.repeat(DEVICE_NAME_MAX + 1)))).toEqual({
      ok: false,
      error: `Use at most ${DEVICE_NAME_MAX} characters.`,
    });
  });

  it('says it in Dutch, and suggests a Dutch name, once Dutch is chosen', () => {
    chooseLanguage('nl');
    expect(suggestedDeviceName()).toBe('Kassa');
    expect(sayCheck(checkDeviceName(' '))).toEqual({ ok: false, error: 'Geef het apparaat een naam' });
    const unstorable = checkDeviceName('Kassa\u0000');
    expect(unstorable.ok).toBe(false);
    expect(!unstorable.ok && unstorable.error()).not.toMatch(/NUL character/);
  });
});
