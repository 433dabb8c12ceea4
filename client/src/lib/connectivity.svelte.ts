/**
 * Whether the server can be reached, as far as the register knows: the browser's own online
 * state, corrected by what the last request found out.
 */
class Connectivity {
  online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
  #listeners = new Set<() => void>();

  constructor() {
    if (typeof window === 'undefined') return;
    addEventListener('online', () => this.reachable());
    addEventListener('offline', () => this.unreachable());
  }

  reachable(): void {
    const was = this.online;
    this.online = true;
    if (!was) for (const l of this.#listeners) l();
  }

  unreachable(): void {
    this.online = false;
  }

  /** Called each time the server becomes reachable again. */
  onReconnect(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

export const connectivity = new Connectivity();
