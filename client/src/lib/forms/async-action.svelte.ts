import { ApiClientError, errorMessage, type ClientErrorCode } from '../api/api-error';

/**
 * Words kept as the function that says them, not as text: read where they are shown, they follow
 * a switch of language while on screen.
 */
export type Words = () => string;

/** Each field's words, said now. */
export function said<F extends string>(words: Partial<Record<F, Words>>): Partial<Record<F, string>> {
  const texts: Partial<Record<F, string>> = {};
  for (const [field, say] of Object.entries(words) as [F, Words][]) texts[field] = say();
  return texts;
}

/**
 * One request a screen runs on behalf of a button or form: `busy` disables the control while it
 * runs, and any failure becomes either a message under the field it concerns or one message for
 * the whole form. It always recovers: `busy` is reset whatever happens.
 */
export class AsyncAction<F extends string = never> {
  busy = $state(false);
  /** The code of the failure `error` says, when the server gave one: the form may offer a way out. */
  errorCode = $state<ClientErrorCode | null>(null);
  #error = $state<Words | null>(null);
  #fieldErrors = $state<Partial<Record<F, Words>>>({});

  readonly #fields: ReadonlySet<string>;
  readonly #editedElsewhereText: Words | undefined;

  /** `editedElsewhere` names what the form edits when someone else changed it first. */
  constructor(fields: readonly F[] = [], texts: { editedElsewhere?: Words } = {}) {
    this.#fields = new Set(fields);
    this.#editedElsewhereText = texts.editedElsewhere;
  }

  /** Runs `task` unless one is already running; resolves to whether it succeeded. */
  async run(task: () => Promise<void>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.clear();
    try {
      await task();
      return true;
    } catch (err) {
      this.fail(err);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** A message about the whole action, shown at the top of the form, in the language on screen. */
  get error(): string | null {
    return this.#error?.() ?? null;
  }

  /** Messages that belong to one field, keyed by the field's name as the API spells it. */
  get fieldErrors(): Partial<Record<F, string>> {
    return said(this.#fieldErrors);
  }

  /** Shows field messages found before any request was made. */
  setFieldErrors(errors: Partial<Record<F, Words>>): void {
    this.#error = null;
    this.errorCode = null;
    this.#fieldErrors = errors;
  }

  /** Shows a message about the whole action that the screen found itself. */
  setError(words: Words): void {
    this.#error = words;
  }

  clear(): void {
    this.#error = null;
    this.errorCode = null;
    this.#fieldErrors = {};
  }

  fail(err: unknown): void {
    // The session ended (expired, or ended elsewhere): the session store heard it from the
    // request and shows the login screen, so there is nothing to say here.
    if (err instanceof ApiClientError && err.code === 'unauthenticated') return;
    const field = err instanceof ApiClientError ? err.field : undefined;
    if (field !== undefined && this.#fields.has(field)) {
      this.#fieldErrors = { [field]: () => withoutFieldPrefix(errorMessage(err), field) } as Partial<
        Record<F, Words>
      >;
      return;
    }
    this.errorCode = err instanceof ApiClientError ? err.code : null;
    this.#error = (this.editedElsewhere && this.#editedElsewhereText) || (() => errorMessage(err));
  }

  /** Whether the save failed because someone else changed the same thing since it was loaded. */
  get editedElsewhere(): boolean {
    return this.errorCode === 'edited_elsewhere';
  }
}

/** The server's validation messages start with the field's name; under the field itself that is noise. */
function withoutFieldPrefix(message: string, field: string): string {
  const prefix = `${field}: `;
  if (!message.startsWith(prefix)) return message;
  const rest = message.slice(prefix.length);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}
