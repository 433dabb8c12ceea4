import type * as z from 'zod/mini';

/**
 * Checks a form's values against the shared request schema before anything is sent, and turns
 * the problems into one message per field (the first one found for each).
 */
export function checkForm<S extends z.ZodMiniType, F extends string>(
  schema: S,
  values: unknown,
  fields: readonly F[],
): { ok: true; data: z.output<S> } | { ok: false; errors: Partial<Record<F, string>>; formError?: string } {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: Partial<Record<F, string>> = {};
  let formError: string | undefined;
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && (fields as readonly string[]).includes(field)) {
      errors[field as F] ??= issue.message;
    } else {
      formError ??= issue.message;
    }
  }
  return formError === undefined ? { ok: false, errors } : { ok: false, errors, formError };
}

/** Moves focus to the first field marked invalid, so keyboard and screen reader users land on it. */
export function focusFirstInvalid(form: HTMLElement | undefined): void {
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
