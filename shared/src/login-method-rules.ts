import type { LoginMethod } from './login-method.js';

// What a login method allows, apart from its schema (login-method.ts): the access rules need
// these, and the register loads those rules at start without zod.

export function allowsPin(method: LoginMethod): boolean {
  return method !== 'password';
}

export function allowsPassword(method: LoginMethod): boolean {
  return method !== 'pin_only';
}
