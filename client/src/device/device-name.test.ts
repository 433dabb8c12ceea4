import { DEVICE_NAME_MAX } from '@tapin/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseLanguage } from '../lib/i18n/language.svelte';
import { checkDeviceName, suggestedDeviceName } from './device-name';

afterEach(() => chooseLanguage('en'));

describe('checkDeviceName', () => {
  it('gives the cleaned-up name, or says what is wrong in English', () => {
    expect(checkDeviceName('  Register 2 ')).toEqual({ ok: true, name: 'Register 2' });
    expect(checkDeviceName(' ')).toEqual({ ok: false, error: 'Give the device a name' });
    expect(checkDeviceName('x'.repeat(DEVICE_NAME_MAX + 1))).toEqual({
      ok: false,
      error: `Use at most ${DEVICE_NAME_MAX} characters.`,
    });
  });

  it('says it in Dutch, and suggests a Dutch name, once Dutch is chosen', () => {
    chooseLanguage('nl');
    expect(suggestedDeviceName()).toBe('Kassa');
    expect(checkDeviceName(' ')).toEqual({ ok: false, error: 'Geef het apparaat een naam' });
    const unstorable = checkDeviceName('Kassa\u0000');
    expect(unstorable.ok).toBe(false);
    expect(!unstorable.ok && unstorable.error).not.toMatch(/NUL character/);
  });
});
