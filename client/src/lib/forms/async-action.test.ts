import { afterEach, describe, expect, it } from 'vitest';
import { m } from '../../paraglide/messages.js';
import { ApiClientError } from '../api/api-error';
import { chooseLanguage } from '../i18n/language.svelte';
import { AsyncAction } from './async-action.svelte';

afterEach(() => chooseLanguage('en'));

describe('AsyncAction', () => {
  it('says a failure on screen in the language chosen after it', async () => {
    const action = new AsyncAction();
    const done = await action.run(() => Promise.reject(new ApiClientError('network', 'fetch failed', 0)));
    expect(done).toBe(false);
    expect(action.error).toBe(m.error_network({}, { locale: 'en' }));
    chooseLanguage('nl');
    expect(action.error).toBe(m.error_network({}, { locale: 'nl' }));
    expect(action.error).not.toBe(m.error_network({}, { locale: 'en' }));
  });

  it("says a field's problem in the language chosen after it, and forgets it on the next run", async () => {
    const action = new AsyncAction(['username']);
    action.setFieldErrors({ username: m.field_enter_username });
    expect(action.fieldErrors).toEqual({ username: 'Enter a username' });
    chooseLanguage('nl');
    expect(action.fieldErrors).toEqual({ username: 'Vul een gebruikersnaam in' });
    await action.run(() => Promise.resolve());
    expect(action.fieldErrors).toEqual({});
    expect(action.error).toBeNull();
  });

  it('puts a refusal about a known field under that field', () => {
    const action = new AsyncAction(['pin']);
    action.fail(new ApiClientError('pin_taken', 'pin: this PIN is taken', 409, 'pin'));
    expect(action.error).toBeNull();
    expect(Object.keys(action.fieldErrors)).toEqual(['pin']);
  });
});
