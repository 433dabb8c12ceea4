import { CreateUserRequest, NAME_MAX, SetupRequest, UpdateUserRequest } from '@tapin/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseLanguage } from '../i18n/language.svelte';
import { said } from './async-action.svelte';
import { checkForm } from './field-errors';

const USER_FIELDS = ['name', 'username', 'role', 'loginMethod', 'pin', 'password'] as const;
const SETUP_FIELDS = ['organisationName', 'name', 'username', 'password'] as const;

afterEach(() => chooseLanguage('en'));

function errorsOf(result: ReturnType<typeof checkForm>): object {
  return result.ok ? {} : { ...said(result.errors), ...(result.formError && { form: result.formError() }) };
}

describe('checkForm', () => {
  it('says what the shared schemas say, in English', () => {
    chooseLanguage('en');
    const user = { name: ' ', username: '', role: 'cashier', loginMethod: 'pin_only', pin: '12a45' };
    expect(errorsOf(checkForm(CreateUserRequest, user, USER_FIELDS))).toEqual({
      name: 'Enter a name',
      username: 'Enter a username',
      pin: 'A PIN is exactly 5 digits',
    });
    const setup = { organisationName: 'Shop', name: 'Ada', username: 'a', password: 'short' };
    expect(errorsOf(checkForm(SetupRequest, setup, SETUP_FIELDS))).toEqual({
      username: 'A username has at least 2 characters',
      password: 'A password has at least 8 characters',
    });
    const odd = { name: 'x'.repeat(NAME_MAX + 1), username: 'a b', role: 'cashier', loginMethod: 'password' };
    expect(errorsOf(checkForm(CreateUserRequest, odd, USER_FIELDS))).toEqual({
      name: `Use at most ${NAME_MAX} characters`,
      username: 'Use letters, digits, and . _ @ - only',
    });
  });

  it('says it in Dutch when Dutch is on screen', () => {
    chooseLanguage('nl');
    const user = { name: '', username: ' ', role: 'cashier', loginMethod: 'pin_only', pin: '1234' };
    expect(errorsOf(checkForm(CreateUserRequest, user, USER_FIELDS))).toEqual({
      name: 'Vul een naam in',
      username: 'Vul een gebruikersnaam in',
      pin: 'Een pincode heeft precies 5 cijfers',
    });
    const setup = { organisationName: '', name: 'Ada', username: 'ada!', password: 'short' };
    expect(errorsOf(checkForm(SetupRequest, setup, SETUP_FIELDS))).toEqual({
      organisationName: 'Vul een naam in',
      username: 'Gebruik alleen letters, cijfers en . _ @ -',
      password: 'Een wachtwoord heeft minstens 8 tekens',
    });
    const long = {
      name: 'x'.repeat(NAME_MAX + 1),
      username: 'ada',
      role: 'cashier',
      loginMethod: 'password',
    };
    expect(errorsOf(checkForm(CreateUserRequest, long, USER_FIELDS))).toEqual({
      name: `Gebruik maximaal ${NAME_MAX} tekens`,
    });
  });

  it('puts a problem with the form as a whole apart from the fields', () => {
    chooseLanguage('nl');
    expect(errorsOf(checkForm(UpdateUserRequest, { version: 3 }, USER_FIELDS))).toEqual({
      form: 'Er is niets te wijzigen',
    });
    expect(errorsOf(checkForm(CreateUserRequest, { name: 'Ada', role: 'owner' }, ['name']))).toEqual({
      form: 'Ongeldige invoer',
    });
  });
});
