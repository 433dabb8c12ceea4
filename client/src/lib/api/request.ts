import { BACKGROUND_HEADER } from '@tapin/shared';
import type * as z from 'zod/mini';
import { connectivity } from '../connectivity.svelte';
import { loadPart } from '../load-part';
import { ApiClientError } from './api-error';
import type * as ResponseSchemas from './response-schemas';

/** The name of a shared schema that an answer is parsed with (see response-schemas.ts). */
export type ResponseSchema = Exclude<keyof typeof ResponseSchemas, 'ErrorBodyJSON'>;
type Parsed<K extends ResponseSchema> = z.output<(typeof ResponseSchemas)[K]>;

const TIMEOUT_MS = 10_000;

/** Answers that say something about the session itself, whichever request got them. */
export type SessionProblem = 'unauthenticated' | 'step_up_required';
let sessionProblemListener: ((problem: SessionProblem) => void) | null = null;

/** Lets the session hear that it ended, or lost admin access, during any request. */
export function onSessionProblem(listener: (problem: SessionProblem) => void): void {
  sessionProblemListener = listener;
}

/**
 * The one way the client talks to the server: JSON in and out, parsed with the shared schema
 * named `schema`, a timeout so nothing spins forever, and the server's error envelope turned into
 * ApiClientError.
 */
export async function request<K extends ResponseSchema>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  schema: K,
  body?: unknown,
  opts: { background?: boolean } = {},
): Promise<Parsed<K>> {
  let res: Response;
  const headers: Record<string, string> = method === 'GET' ? {} : { 'content-type': 'application/json' };
  // A check the client makes by itself must not keep an unattended session alive on the server.
  if (opts.background) headers[BACKGROUND_HEADER] = '1';
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers,
      ...(method !== 'GET' && { body: JSON.stringify(body ?? {}) }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    connectivity.unreachable();
    if (err instanceof DOMException && err.name === 'TimeoutError') {
      throw new ApiClientError('timeout', 'The server did not answer in time. Check the connection.', 0);
    }
    throw new ApiClientError('network', "Can't reach the server. Check the connection.", 0);
  }
  connectivity.reachable();
  // The schemas load while the body is read; a chunk that can't be loaded throws PartLoadError.
  const schemas = loadPart(() => import('./response-schemas'));
  const data: unknown = await res.json().catch(() => undefined);
  const { ErrorBodyJSON, [schema]: answer } = await schemas;
  if (!res.ok) {
    const envelope = ErrorBodyJSON.safeParse(data);
    if (envelope.success) {
      const e = envelope.data.error;
      if (e.code === 'unauthenticated' || e.code === 'step_up_required') sessionProblemListener?.(e.code);
      throw new ApiClientError(
        e.code,
        e.message,
        res.status,
        e.field,
        e.retryAfterSeconds,
        e.nextChallenge,
        e.attemptsLeft,
      );
    }
    // A proxy or service worker answered instead of Tapin.
    throw new ApiClientError(
      res.status >= 500 ? 'network' : 'bad_response',
      "Can't reach the server. Check the connection.",
      res.status,
    );
  }
  const parsed = (answer as z.ZodMiniType).safeParse(data);
  if (!parsed.success)
    throw new ApiClientError('bad_response', 'The server sent an unexpected answer.', res.status);
  // The schema named K made this value.
  return parsed.data as Parsed<K>;
}
