import type { Words } from '../lib/forms/async-action.svelte';

/**
 * A confirmation that outlives a page change, such as "Ann Smith was added." shown on the Users
 * list after the user form saved. The page that shows it takes it, so it appears once; it is said
 * when shown, so it follows a switch of language.
 */
class Notice {
  message = $state<Words | null>(null);

  show(message: Words): void {
    this.message = message;
  }

  take(): Words | null {
    const m = this.message;
    this.message = null;
    return m;
  }
}

export const notice = new Notice();
