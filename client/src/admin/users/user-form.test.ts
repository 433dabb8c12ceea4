import type { UserJSON } from '@tapin/shared';
import { describe, expect, it } from 'vitest';
import { said } from '../../lib/forms/async-action.svelte';
import {
  createUserRequest,
  newUserValues,
  pinDigits,
  roleOptions,
  updateUserRequest,
  valuesOf,
} from './user-form';

const casey: UserJSON = {
  id: 'user-casey',
  name: 'Casey Till',
  username: 'casey',
  role: 'cashier',
  loginMethod: 'pin_only',
  hasPin: true,
  hasPassword: false,
  createdAt: '2026-01-05T09:00:00.000Z',
  version: 4,
};

describe('createUserRequest', () => {
  it('sends a PIN only user with the PIN as typed, leading zero included', () => {
    const result = createUserRequest({
      ...newUserValues(),
      name: ' Casey Till ',
      username: 'Casey',
      loginMethod: 'pin_only',
      pin: '01234',
    });
    expect(result).toEqual({
      ok: true,
      body: { name: 'Casey Till', username: 'casey', role: 'cashier', loginMethod: 'pin_only', pin: '01234' },
    });
  });

  it('requires the PIN and password the login method uses', () => {
    const result = createUserRequest({
      ...newUserValues(),
      name: 'Pat',
      username: 'pat',
      loginMethod: 'password_and_pin',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(said(result.errors)).toEqual({
      pin: 'Enter a 5-digit PIN for this login method',
      password: 'Enter a password for this login method',
    });
    expect(result.formError).toBeUndefined();
  });

  it('puts format problems under their field', () => {
    const result = createUserRequest({
      ...newUserValues(),
      name: '',
      username: 'pat',
      loginMethod: 'pin_only',
      pin: '12a45',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.name?.()).toBe('Enter a name');
    expect(result.errors.pin?.()).toBe('A PIN is exactly 5 digits');
  });

  it('does not send a password typed before switching to PIN only', () => {
    const result = createUserRequest({
      ...newUserValues(),
      name: 'Pat',
      username: 'pat',
      loginMethod: 'pin_only',
      pin: '54321',
      password: 'left over from before',
    });
    expect(result.ok && 'password' in result.body).toBe(false);
  });
});

describe('updateUserRequest', () => {
  it('keeps the current PIN when the field is left empty', () => {
    const result = updateUserRequest({ ...valuesOf(casey), name: 'Casey T.' }, casey);
    expect(result).toEqual({
      ok: true,
      body: { version: 4, name: 'Casey T.', username: 'casey', role: 'cashier', loginMethod: 'pin_only' },
    });
  });

  it('asks for a password when the user moves to a method that needs one they do not have', () => {
    const result = updateUserRequest({ ...valuesOf(casey), loginMethod: 'password_and_pin' }, casey);
    expect(result.ok || { ...result, errors: said(result.errors) }).toEqual({
      ok: false,
      errors: { password: 'Enter a password for this login method' },
    });
  });
});

describe('roleOptions', () => {
  it('never offers Admin to a manager', () => {
    expect(roleOptions('manager').map((o) => o.label)).toEqual(['Manager', 'Cashier']);
    expect(roleOptions('admin').map((o) => o.label)).toEqual(['Admin', 'Manager', 'Cashier']);
  });
});

describe('pinDigits', () => {
  it('keeps the digits of a pasted PIN, up to its length', () => {
    expect(pinDigits('012 34')).toBe('01234');
    expect(pinDigits(' 01234 ')).toBe('01234');
    expect(pinDigits('0-1-2-3-4-5')).toBe('01234');
    expect(pinDigits('abc')).toBe('');
  });
});

describe('an empty username', () => {
  it('says to enter one, not how long one must be', () => {
    const result = createUserRequest({
      ...newUserValues(),
      name: 'Casey',
      username: '  ',
      password: 'a long password',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.username?.()).toBe('Enter a username');
  });
});
