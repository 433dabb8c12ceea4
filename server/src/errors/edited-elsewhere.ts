import { DomainError } from './domain-error.js';

const MESSAGES = {
  user: 'This user was changed by someone else since you opened it.',
  device: 'This device was changed by someone else since you opened it.',
  settings: 'These settings were changed by someone else since you opened them.',
} as const;

/** A save from a form loaded before the row's last change: nothing was written. */
export function editedElsewhere(what: keyof typeof MESSAGES): DomainError {
  return new DomainError('edited_elsewhere', MESSAGES[what]);
}

/** Throws `editedElsewhere` unless the row still has the version the form was loaded with. */
export function assertVersion(row: { version: number }, version: number, what: keyof typeof MESSAGES): void {
  if (row.version !== version) throw editedElsewhere(what);
}
