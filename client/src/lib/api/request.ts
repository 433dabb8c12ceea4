import { BACKGROUND_HEADER, ErrorBodyJSON } from '@tapin/shared';
import type * as z from 'zod/mini';
import { connectivity } from '../connectivity.svelte';
import { ApiClientError } from './api-error';

const TIMEOUT_MS = 10_000;

/** Answers that say something about the session itself, whichever request got them. */
export type SessionProblem = 'unauthenticated' | 'step_up_required';
let sessionProblemListener: ((problem: SessionProblem) => void) | null = null;

/** Lets the session hear that it ended, or lost admin access, during any request. */
export function onSessionProblem(listener: (problem: SessionProblem) => void): void {
  sessionProblemListener = listener;
}

/**
 * The one way the client talks to the server: JSON in and out, parsed with the shared schema,
 * a timeout so nothing spins forever, and the server's error envelope turned into ApiClientError.
 */
export async function request<S extends z.ZodMiniType>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  schema: S,
  body?: unknown,
  opts: { background?: boolean } = {},
): Promise<z.output<S>> {
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
  const data: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const envelope = ErrorBodyJSON.safeParse(data);
    if (envelope.success) {
      const e = envelope.data.error;
      if (e.code === 'unauthenticated' || e.code === 'step_up_required') sessionProblemListener?.(e.code);
      throw new ApiClientError(e.code, e.message, res.status, e.field, e.retryAfterSeconds, e.nextChallenge);
    }
    // A proxy or service worker answered instead of Tapin.
    throw new ApiClientError(
      res.status >= 500 ? 'network' : 'bad_response',
      "Can't reach the server. Check the connection.",
      res.status,
    );
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw new ApiClientError('bad_response', 'The server sent an unexpected answer.', res.status);
  return parsed.data;
}
