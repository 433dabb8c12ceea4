/**
 * A confirmation that outlives a page change, such as "Ann Smith was added." shown on the Users
 * list after the user form saved. The page that shows it takes it, so it appears once.
 */
class Notice {
  message = $state<string | null>(null);

  show(message: string): void {
    this.message = message;
  }

  take(): string | null {
    const m = this.message;
    this.message = null;
    return m;
  }
}

export const notice = new Notice();
