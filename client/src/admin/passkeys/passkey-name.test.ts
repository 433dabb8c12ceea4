import { PASSKEY_NAME_MAX } from '@tapin/shared';
import { describe, expect, it } from 'vitest';
import { checkPasskeyName, suggestPasskeyName } from './passkey-name';

const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const EDGE_WINDOWS = `${CHROME_WINDOWS} Edg/131.0.0.0`;
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const FIREFOX_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0';
const CHROME_ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

/** The check's answer with its words said now. */
function sayCheck(result: { ok: true; name: string } | { ok: false; error: () => string }) {
  return result.ok ? result : { ok: false, error: result.error() };
}

describe('suggestPasskeyName', () => {
  it('names the browser and the system it runs on', () => {
    expect(suggestPasskeyName(CHROME_WINDOWS)).toBe('Chrome on Windows');
    expect(suggestPasskeyName(EDGE_WINDOWS)).toBe('Edge on Windows');
    expect(suggestPasskeyName(SAFARI_IPHONE)).toBe('Safari on iPhone');
    expect(suggestPasskeyName(FIREFOX_MAC)).toBe('Firefox on Mac');
    expect(suggestPasskeyName(CHROME_ANDROID)).toBe('Chrome on Android');
    expect(suggestPasskeyName(CHROME_WINDOWS.replace('Chrome/', 'HeadlessChrome/'))).toBe(
      'Chrome on Windows',
    );
  });

  it('falls back to "This device" for a browser it cannot tell', () => {
    expect(suggestPasskeyName('')).toBe('This device');
    expect(suggestPasskeyName('curl/8.0')).toBe('This device');
  });

  it('numbers the name when a passkey of the same name exists', () => {
    expect(suggestPasskeyName(CHROME_WINDOWS, ['chrome on windows'])).toBe('Chrome on Windows 2');
    expect(suggestPasskeyName(CHROME_WINDOWS, ['Chrome on Windows', 'Chrome on Windows 2'])).toBe(
      'Chrome on Windows 3',
    );
    expect(suggestPasskeyName('', ['Work laptop'])).toBe('This device');
  });
});

describe('checkPasskeyName', () => {
  it('trims the name', () => {
    expect(sayCheck(checkPasskeyName('  Work laptop '))).toEqual({ ok: true, name: 'Work laptop' });
  });

  it('asks for a name when there is none, and for a shorter one when it is too long', () => {
    expect(sayCheck(checkPasskeyName('   '))).toEqual({ ok: false, error: 'Give the passkey a name' });
    expect(sayCheck(checkPasskeyName('x'.repeat(PASSKEY_NAME_MAX + 1)))).toEqual({
      ok: false,
      error: `Use at most ${PASSKEY_NAME_MAX} characters.`,
    });
  });
});
