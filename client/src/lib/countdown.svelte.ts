/** Whole seconds left until a deadline, ticking on its own; for "Try again in N seconds." */
export class Countdown {
  remaining = $state(0);
  #timer: ReturnType<typeof setInterval> | null = null;
  #deadline = 0;

  get running(): boolean {
    return this.remaining > 0;
  }

  start(seconds: number): void {
    this.stop();
    this.#deadline = Date.now() + Math.max(0, seconds) * 1000;
    this.#tick();
    if (this.running) this.#timer = setInterval(() => this.#tick(), 250);
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    this.remaining = 0;
  }

  #tick(): void {
    this.remaining = Math.max(0, Math.ceil((this.#deadline - Date.now()) / 1000));
    if (this.remaining === 0) this.stop();
  }
}
