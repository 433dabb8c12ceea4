import type { BenchRegister } from './bench-register.js';

/** Logs one register in once; the n-th login of the phase picks its user by n. */
export type LoginOnce = (register: BenchRegister, n: number) => Promise<unknown>;

export interface LoadResult {
  logins: number;
  /** From the first send to the last reply. */
  elapsedSeconds: number;
  /** Closed loop: from send to reply. Open loop: from the scheduled send time to reply. */
  latenciesMs: number[];
  /** Open loop only: sends that left more than 5 ms after their scheduled time. */
  lateSends: number;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Every register logs in again as soon as its previous login is answered, for `seconds`. */
export async function closedLoop(o: {
  registers: BenchRegister[];
  seconds: number;
  loginOnce: LoginOnce;
}): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let n = 0;
  const start = performance.now();
  const end = start + o.seconds * 1000;
  await Promise.all(
    o.registers.map(async (register) => {
      while (performance.now() < end) {
        const sent = performance.now();
        await o.loginOnce(register, n++);
        latenciesMs.push(performance.now() - sent);
      }
    }),
  );
  return {
    logins: latenciesMs.length,
    elapsedSeconds: (performance.now() - start) / 1000,
    latenciesMs,
    lateSends: 0,
  };
}

/**
 * Logins arrive at a fixed rate whatever the server does, spread evenly over the registers (the
 * k-th send belongs to register k mod n, so each register sends every n/rate seconds). A register
 * still waiting when its next login is due sends it as soon as it is answered; latency always
 * counts from the scheduled time, so a slow server is not hidden by fewer sends.
 */
export async function openLoop(o: {
  registers: BenchRegister[];
  seconds: number;
  ratePerSecond: number;
  loginOnce: LoginOnce;
}): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const count = o.registers.length;
  const interval = 1000 / o.ratePerSecond;
  const total = Math.max(1, Math.round(o.seconds * o.ratePerSecond));
  let lateSends = 0;
  const start = performance.now() + 10;
  await Promise.all(
    o.registers.map(async (register, i) => {
      for (let k = i; k < total; k += count) {
        const scheduled = start + k * interval;
        const wait = scheduled - performance.now();
        if (wait > 0) await sleep(wait);
        if (performance.now() - scheduled > 5) lateSends++;
        await o.loginOnce(register, k);
        latenciesMs.push(performance.now() - scheduled);
      }
    }),
  );
  return {
    logins: latenciesMs.length,
    elapsedSeconds: (performance.now() - start) / 1000,
    latenciesMs,
    lateSends,
  };
}
