import { AsyncAction } from './async-action.svelte';

/**
 * Data a page or section shows once it is loaded: `value` is null until then, and a failure
 * leaves a message and a retry (LoadStatus shows both). A load already running is not repeated.
 */
export class Resource<T> {
  value = $state<T | null>(null);
  readonly #action = new AsyncAction();
  readonly #fetch: () => Promise<T>;

  constructor(fetch: () => Promise<T>) {
    this.#fetch = fetch;
  }

  get error(): string | null {
    return this.#action.error;
  }

  get busy(): boolean {
    return this.#action.busy;
  }

  /** Fetches the value again for a caller that reports a failure itself (it throws). */
  async refresh(): Promise<void> {
    this.value = await this.#fetch();
  }

  /** Fetches the value again; resolves to whether it worked. */
  load(): Promise<boolean> {
    return this.#action.run(async () => {
      this.value = await this.#fetch();
    });
  }
}
