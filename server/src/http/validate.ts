import { validator } from 'hono/validator';
import type { ValidationTargets } from 'hono';
import * as z from 'zod/mini';
import { DomainError } from '../errors/domain-error.js';

// The schemas use zod's small, tree-shakable build so the register stays light; on the server the
// full English messages are worth their size.
z.config(z.locales.en());

/**
 * Parses one part of the request against a shared schema, once, at the route. The first problem
 * is reported with the field it concerns so forms can show it in the right place.
 */
export function valid<T extends keyof ValidationTargets, S extends z.ZodMiniType>(target: T, schema: S) {
  return validator(target, (value): z.output<S> => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const field = issue?.path.map(String).join('.') || undefined;
    const message =
      issue?.code === 'unrecognized_keys'
        ? `Unknown field: ${issue.keys.join(', ')}`
        : field
          ? `${field}: ${issue?.message ?? 'invalid'}`
          : (issue?.message ?? 'Invalid request');
    throw new DomainError('bad_request', message, field ? { field } : {});
  });
}
