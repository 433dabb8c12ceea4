import type { ApprovalCodeJSON, DeviceStateJSON } from '@tapin/shared';
import { Countdown } from '../../lib/countdown.svelte';
import { AsyncAction } from '../../lib/forms/async-action.svelte';

/** How often the device asks whether it was approved: "within a few seconds", at one cheap read. */
export const APPROVAL_POLL_MS = 2000;

export interface CodeApprovalDeps {
  ask: () => Promise<ApprovalCodeJSON>;
  /** This device's state on the server. */
  state: () => Promise<DeviceStateJSON>;
  /** Called once, when the server says the device is approved. */
  onapproved: () => Promise<void>;
}

/**
 * The device's side of approving with a code: the code it shows, how long it stays valid, and
 * asking the server every APPROVAL_POLL_MS whether an admin or manager approved it meanwhile.
 */
export class CodeApproval {
  code = $state<string | null>(null);
  readonly validFor = new Countdown();
  readonly asking = new AsyncAction();
  #timer: ReturnType<typeof setInterval> | null = null;
  #checking = false;

  constructor(private readonly deps: CodeApprovalDeps) {}

  /** The code was shown, and its time is up. */
  get expired(): boolean {
    return this.code !== null && !this.validFor.running;
  }

  /** Asks for a code (a new one replaces the one shown) and waits for it to be used. */
  async ask(): Promise<void> {
    this.stop();
    this.code = null;
    await this.asking.run(async () => {
      const answer = await this.deps.ask();
      this.code = answer.code;
      this.validFor.start(answer.validForSeconds);
      this.#timer = setInterval(() => void this.#check(), APPROVAL_POLL_MS);
    });
  }

  /** Stops waiting: no more checks, and the time shown stops. */
  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    this.validFor.stop();
  }

  async #check(): Promise<void> {
    if (this.#checking) return;
    // Past its time the code cannot approve anything; one last look covers an approval just before.
    if (!this.validFor.running && this.#timer !== null) {
      clearInterval(this.#timer);
      this.#timer = null;
    }
    this.#checking = true;
    try {
      const answer = await this.deps.state();
      if (answer.state === 'approved') {
        this.stop();
        await this.deps.onapproved();
      }
    } catch {
      // Not reachable right now: the next check tries again.
    } finally {
      this.#checking = false;
    }
  }
}
