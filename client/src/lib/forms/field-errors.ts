import { PIN_LENGTH } from '@tapin/shared';
import type * as z from 'zod/mini';
import { m } from '../../paraglide/messages.js';
import type { Words } from './async-action.svelte';

/** One problem zod found, as a form shows it. */
type Issue = z.core.$ZodIssue;

// What an empty field says, by field. Other fields get a general "fill this in".
const EMPTY: Record<string, () => string> = {
  name: m.field_enter_name,
  organisationName: m.field_enter_name,
  username: m.field_enter_username,
  password: m.field_enter_password,
};

// What a field says when too short, by field.
const TOO_SHORT: Record<string, (inputs: { min: number }) => string> = {
  username: m.field_username_too_short,
  password: m.field_password_too_short,
};

// What a field says when it does not have the format its schema asks, by field.
const BAD_FORMAT: Record<string, () => string> = {
  username: m.field_username_characters,
};

/**
 * A schema issue in the language on screen, by the field it is about and zod's issue code. The
 * shared schemas' messages are English (the server's, for logs and API users); the English here is
 * the same text.
 */
export function issueText(field: string | undefined, issue: Issue): string {
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin !== 'string') break;
      if (min <= 1) return (field && EMPTY[field]?.()) ?? m.field_required();
      return (field && TOO_SHORT[field]?.({ min })) ?? m.field_too_short({ min });
    }
    case 'too_big':
      if (issue.origin === 'string') return m.field_too_long({ max: Number(issue.maximum) });
      break;
    case 'invalid_format': {
      if (field === 'pin') return m.field_pin_digits({ length: PIN_LENGTH });
      const text = field ? BAD_FORMAT[field] : undefined;
      if (text) return text();
      break;
    }
    case 'custom':
      // The one check on a field is that the text can be stored; on the form, that it changes something.
      return field === undefined ? m.field_nothing_to_change() : m.field_unstorable();
  }
  return m.field_invalid();
}

/**
 * Checks a form's values against the shared request schema before anything is sent, and turns
 * the problems into one message per field (the first one found for each), in the language on screen.
 */
export function checkForm<S extends z.ZodMiniType, F extends string>(
  schema: S,
  values: unknown,
  fields: readonly F[],
): { ok: true; data: z.output<S> } | { ok: false; errors: Partial<Record<F, Words>>; formError?: Words } {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: Partial<Record<F, Words>> = {};
  let formError: Words | undefined;
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && (fields as readonly string[]).includes(field)) {
      errors[field as F] ??= () => issueText(field, issue);
    } else {
      formError ??= () => issueText(undefined, issue);
    }
  }
  return formError === undefined ? { ok: false, errors } : { ok: false, errors, formError };
}

/** Moves focus to the first field marked invalid, so keyboard and screen reader users land on it. */
export function focusFirstInvalid(form: HTMLElement | undefined): void {
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
